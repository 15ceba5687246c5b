"""The demo's stylesheet: a calm reading layout that also fits a 390-px phone (long words wrap everywhere)."""

CSS = """
.gradio-container { max-width: 1280px !important; margin: 0 auto !important; }
/* Long unbroken tokens (URLs, runaway model output) wrap instead of widening the page on a phone. */
.gradio-container, .gradio-container * { overflow-wrap: anywhere; min-width: 0; }
.gradio-container pre, .gradio-container code { white-space: pre-wrap; }
#ks-header h1 { font-size: 1.9rem; margin: 0.2rem 0 0.1rem; letter-spacing: -0.01em; }
#ks-header p { margin: 0; color: var(--body-text-color-subdued); font-size: 1rem; }
.ks-status { padding: 0.7rem 0.95rem; border-radius: 10px; font-size: 0.95rem; line-height: 1.45; }
.ks-idle { background: var(--background-fill-secondary); color: var(--body-text-color-subdued); }
.ks-ok { background: #ecfdf3; color: #05603a; border: 1px solid #abefc6;
  display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; justify-content: space-between; align-items: baseline; }
#ks-downloads { gap: 0.5rem; }
#ks-limit, #ks-limit p { font-size: 0.85rem; color: var(--body-text-color-subdued); margin: 0; }
.ks-error { background: #fef3f2; color: #912018; border: 1px solid #fecdca; }
.dark .ks-ok { background: #053321; color: #a6f4c5; border-color: #085d3a; }
.dark .ks-error { background: #55160c; color: #fecdca; border-color: #912018; }
.ks-overview { padding: 0.25rem 0.2rem; }
.ks-eyebrow { text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.75rem; font-weight: 600;
  color: var(--color-accent); margin: 0 0 0.35rem; }
.ks-overview h2 { font-size: 1.4rem; line-height: 1.3; margin: 0 0 0.3rem; }
.ks-placeholder h2 { color: var(--body-text-color-subdued); font-weight: 500; }
.ks-placeholder p { color: var(--body-text-color-subdued); }
.ks-title-ko { margin: 0 0 0.6rem; color: var(--body-text-color-subdued); font-size: 1rem; }
.ks-subtitles { margin: 0 0 0.8rem; padding-left: 1.1rem; }
.ks-subtitles li { margin: 0.3rem 0; }
.ks-sub-ko { display: block; font-size: 0.85rem; color: var(--body-text-color-subdued); }
.ks-summary { margin: 0.6rem 0 0.9rem; padding: 0.85rem 1rem; border-left: 4px solid var(--color-accent);
  background: var(--background-fill-secondary); border-radius: 0 10px 10px 0; font-size: 1.05rem; line-height: 1.6; }
.ks-meta { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 0.5rem 1.2rem; margin: 0; }
.ks-meta div { min-width: 0; }
.ks-meta dt { font-size: 0.72rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--body-text-color-subdued); }
.ks-meta dd { margin: 0.1rem 0 0; overflow-wrap: anywhere; }
.ks-warnings { margin: 0.8rem 0 0; padding: 0.6rem 0.8rem 0.6rem 1.8rem; background: #fffaeb; color: #93370d;
  border-radius: 8px; font-size: 0.9rem; }
.ks-muted { color: var(--body-text-color-subdued); }
.ks-article h3 { margin: 0.2rem 0 0.6rem; font-size: 1.1rem; }
.ks-table-wrap { overflow-x: auto; }
.ks-paragraphs { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 0.97rem; border: none !important; }
.ks-paragraphs th { text-align: left; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.05em;
  color: var(--body-text-color-subdued); padding: 0.5rem 0.7rem; background: none !important;
  border: none !important; border-bottom: 2px solid var(--border-color-primary) !important; }
.ks-paragraphs td { vertical-align: top; padding: 0.65rem 0.7rem; line-height: 1.65;
  border: none !important; border-bottom: 1px solid var(--border-color-primary) !important; overflow-wrap: anywhere; }
.ks-paragraphs tr, .ks-timings tr, .ks-paragraphs thead, .ks-timings tbody { border: none !important; }
.ks-paragraphs tbody tr:nth-child(even) td { background: var(--background-fill-secondary); }
.ks-paragraphs tbody tr:hover td { background: var(--color-accent-soft) !important; }
.ks-paragraphs .ks-n { width: 2.6rem; color: var(--body-text-color-subdued); text-align: right; }
.ks-paragraphs td.ks-ko { word-break: keep-all; }
.ks-paragraphs tr.ks-flagged td { background: #fffaeb !important; }
.ks-fidelity { margin: 0.4rem 0 0; padding: 0.3rem 0.55rem; border-radius: 6px; font-size: 0.85rem;
  background: #fef0c7; color: #93370d; }
.ks-fidelity-list { margin: 0.8rem 0 0; padding: 0.6rem 0.8rem 0.6rem 1.8rem; background: #fef0c7; color: #93370d;
  border-radius: 8px; font-size: 0.9rem; }
mark.ks-check { background: #fedf89; color: inherit; padding: 0 0.1rem; border-radius: 3px; }
.ks-removed { list-style: none; margin: 0; padding: 0; }
.ks-removed li { padding: 0.45rem 0; border-bottom: 1px dashed var(--border-color-primary); font-size: 0.9rem; }
.ks-reason { display: inline-block; margin-right: 0.6rem; padding: 0.05rem 0.5rem; border-radius: 999px;
  font-size: 0.75rem; background: var(--background-fill-secondary); border: 1px solid var(--border-color-primary); }
.ks-timings { border-collapse: collapse; margin-bottom: 0.6rem; min-width: 260px; }
.ks-timings { border: none !important; }
.ks-timings td { padding: 0.3rem 1.2rem 0.3rem 0; border: none !important;
  border-bottom: 1px solid var(--border-color-primary) !important; background: none !important; }
.ks-num { text-align: right; font-variant-numeric: tabular-nums; }
.ks-total td { font-weight: 600; }
.ks-run { margin: 0; padding-left: 1.1rem; }
#ks-run-button { min-height: 48px; font-size: 1.05rem; }
/* The one progress display covers the old status instead of showing through it. */
#ks-status { min-height: 5rem; }
#ks-status [data-testid="status-tracker"] { background: var(--background-fill-primary) !important; bottom: 0 !important; }
@media (max-width: 640px) {
  /* Phones: stack each Korean paragraph above its translation instead of two thin columns. */
  .ks-paragraphs thead, .ks-paragraphs td.ks-n { display: none; }
  .ks-paragraphs, .ks-paragraphs tbody, .ks-paragraphs tr, .ks-paragraphs td { display: block; width: auto; }
  .ks-paragraphs td.ks-ko { border-bottom: none !important; padding-bottom: 0.25rem; }
  .ks-paragraphs td.ks-en { padding-top: 0.25rem; margin-left: 0.7rem; border-left: 3px solid var(--color-accent-soft) !important; }
  .ks-overview h2 { font-size: 1.25rem; }
  /* The elapsed-time counter gets its own line above the progress text instead of sitting on top of it. */
  #ks-status .meta-text-center, #ks-status .meta-text { position: static !important; transform: none !important; }
}
"""
