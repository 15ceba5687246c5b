"""The Gradio demo: paste, upload or fetch a Korean news page → English title, summary and side-by-side translation.

The demo is a door like the CLI: it parses its inputs, calls the shared Pipeline and renders the ArticleResult.
config.py (DemoConfig, DemoInput) · handlers.py (one button press, Advanced panel choices) · render.py (escaped
HTML fragments) · css.py · body_limit.py (request size) · layout.py (the Gradio page, launch).

    from summarizer.demo import DemoConfig, launch_demo
    launch_demo(DemoConfig(settings=Settings.load()), port=7860)

gradio is imported inside layout.py's functions only: the rest works without it.
"""

from __future__ import annotations

from summarizer.demo.config import DemoConfig, DemoInput
from summarizer.demo.handlers import SharedPipelines, run_demo_request
from summarizer.demo.layout import build_app, launch_demo

__all__ = ["DemoConfig", "DemoInput", "SharedPipelines", "build_app", "launch_demo", "run_demo_request"]
