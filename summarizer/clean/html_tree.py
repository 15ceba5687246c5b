"""The parsed page before trafilatura reads it: the tree made as a browser would see it, page furniture pruned.

    - parse_page: trafilatura's loader, re-parsed without libxml2's 256-level depth limit when a page hits it;
    - collapse_source_newlines: line breaks in the source are spaces, as on screen;
    - prune_captions / prune_subtitles / prune_related_blocks: photo captions, decks and related-article boxes
      taken out of the tree (their texts returned for `removed` and the subtitles);
    - unwrap_layout_tables, paragraphs_from_breaks: layout tables and '<div>text<br><br>text' bodies made into
      the blocks trafilatura reads.
"""

from __future__ import annotations

import itertools
import re

from summarizer.clean.classify import classify_line, is_prose, normalise_lines
from summarizer.clean.rules import HTML_CAPTION_XPATH, HTML_SUBTITLE_XPATH


# libxml2 stops reading a page nested deeper than 256 elements (the rest of the page is lost) unless told otherwise.
_DEPTH_LIMIT_ERROR = "ERR_RESOURCE_LIMIT"
DEPTH_WARNING = "the page nests elements deeper than {depth} levels: the text below that depth could not be read"


def parse_page(text: str) -> tuple:  # type: ignore[type-arg]
    """(the page's element tree from trafilatura's loader or None when it is not HTML, warnings). A page nested past
    libxml2's 256-level limit is parsed again with the limit raised (to 2048), so text deep in it is not dropped;
    past that, a warning says text was lost."""
    from trafilatura.utils import HTML_PARSER, load_html  # deferred: keeps `summarizer --help` fast

    wrapped = _wrap_fragment(text)
    tree = load_html(wrapped)
    if tree is None or not _hit_depth_limit(HTML_PARSER):
        return tree, []
    from lxml.html import HTMLParser, fromstring

    deep = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        deep_tree = fromstring(wrapped.encode("utf-8"), parser=deep)
    except (ValueError, TypeError, SyntaxError):  # lxml's parser errors derive from these
        deep_tree = None
    if deep_tree is None:
        return tree, [DEPTH_WARNING.format(depth=256)]
    return deep_tree, [DEPTH_WARNING.format(depth=2048)] if _hit_depth_limit(deep) else []


def _hit_depth_limit(parser) -> bool:  # type: ignore[no-untyped-def]
    return any(error.type_name == _DEPTH_LIMIT_ERROR for error in parser.error_log)


def _wrap_fragment(text: str) -> str:
    # trafilatura rejects a lone fragment ("<p>x</p>"); a wrapping element makes it a document.
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype", "<html", "<?xml", "<head", "<body")):
        return text
    return f"<html><body><div>{text}</div></body></html>"


def prune_captions(tree, keep: bool = False) -> list[str]:  # type: ignore[no-untyped-def]
    """Remove photo-caption elements (figcaption, '.img_desc'…) from the tree; return their texts.

    keep=True: each caption also becomes a plain <p> where its photo was (trafilatura drops figures and their
    captions), so the layout pass can keep it in the body in page order.
    """
    from lxml.html import Element

    texts = []
    last_after: dict = {}  # figure → the last caption <p> put after it, so several captions keep their order
    for element in tree.xpath(HTML_CAPTION_XPATH):
        parent = element.getparent()
        if parent is None:
            continue
        text = " ".join(" ".join(element.itertext()).split())
        if text:
            texts.append(text)
        if text and keep:
            figure = next(element.iterancestors("figure"), None)
            paragraph = Element("p")
            paragraph.text = text
            if figure is not None:
                last_after.get(figure, figure).addnext(paragraph)
                last_after[figure] = paragraph
            else:  # in place of the caption, which keeps its tail after it
                paragraph.tail, element.tail = element.tail, None
                element.addnext(paragraph)
        remove_keeping_tail(element)
    return texts


def remove_keeping_tail(element, block: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Remove an element from its tree; the text after it (its tail) belongs to the page and stays where it was,
    after a <br> (its own paragraph) when the element was a block between two texts."""
    from lxml.html import Element

    parent = element.getparent()
    if block and element.tail and element.tail.strip():
        line_break = Element("br")
        line_break.tail, element.tail = element.tail, None
        element.addprevious(line_break)
    if element.tail and element.tail.strip():
        tail = element.tail
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


_BLOCK_HEADINGS = ".//h2 | .//h3 | .//h4 | .//strong | .//header"
_MAX_RELATED_BLOCK_CHARS = 3000
_MAX_SIBLINGS_AFTER_BOX = 5  # the article goes on right after a box set inside it (bounded: pages may hold thousands of boxes)
_MAX_TEASER_CHARS = 300


def prune_related_blocks(tree) -> list[str]:  # type: ignore[no-untyped-def]
    """Remove blocks headed 'related / most read' ('<section><h2>관련 기사 더 보기</h2><ul>…') from the tree.

    trafilatura keeps such a list when it sits next to the article, and its teaser sentences read like body text;
    unless the article goes on after it, the heading is left as a plain line, where the layout pass sees the end of
    the article. A block is the heading's own container (section, aside, div, nav), or the heading and the list right after it
    when the heading sits in the article itself; it must hold links and only short texts (headlines and teasers,
    none over 300 characters), so the article is never taken for one.
    """
    from lxml.html import Element

    removed = []
    root = tree.getroottree().getroot()
    for heading in tree.xpath(_BLOCK_HEADINGS):
        if next(iter(reversed(list(heading.iterancestors()))), heading) is not root:
            continue  # inside a block removed already
        parent = heading.getparent()
        text = " ".join(" ".join(heading.itertext()).split())
        if parent is None or not text or len(text) > 40 or classify_line(text).kind != "end":
            continue
        if parent.tag in ("section", "aside", "div", "nav") and parent.getparent() is not None:
            elements = [parent]
        else:  # '<article>…<h2>관련기사</h2><ul>…</ul>': the heading and its list
            following = heading.getnext()
            elements = [heading, following] if following is not None and following.tag in ("ul", "ol", "div") else []
        if not elements or not _only_short_linked_texts(elements):
            continue
        removed.append(" ".join(" ".join(" ".join(e.itertext()).split()) for e in elements))
        if not _prose_follows(elements[-1]):  # at the article's end the heading stays as a line: the layout pass ends there
            marker = Element("p")
            marker.text = text
            elements[0].addprevious(marker)
        for element in elements:
            if element.getparent() is not None:
                remove_keeping_tail(element, block=True)  # '<div class="relate_box">…</div>article text<br>…': it stays
    return removed


def _prose_follows(element) -> bool:  # type: ignore[no-untyped-def]
    """True when paragraphs of the article come after this element in its container (a box set inside the text)."""
    texts = [element.tail or ""]  # '<div class="relate_box">…</div>article text<br>…': bare text after the box counts
    for sibling in itertools.islice(element.itersiblings(), _MAX_SIBLINGS_AFTER_BOX):
        texts += [" ".join(p.itertext()) for p in ([sibling] if sibling.tag == "p" else sibling.iter("p"))]
        texts.append(sibling.tail or "")
    return any(is_prose(" ".join(text.split())) for text in texts)


def _only_short_linked_texts(elements) -> bool:  # type: ignore[no-untyped-def]
    if not any(e.find(".//a") is not None or e.tag == "a" for e in elements):
        return False
    if sum(len(" ".join(e.itertext())) for e in elements) > _MAX_RELATED_BLOCK_CHARS:
        return False
    return all(len(" ".join(d.itertext()).strip()) <= _MAX_TEASER_CHARS for e in elements for d in e.iter("p", "li"))


_LAYOUT_BLOCKS = ".//div | .//h1 | .//h2 | .//h3 | .//ul | .//ol | .//iframe | .//form"
_LAYOUT_TABLE_CHARS = 500


def unwrap_layout_tables(tree) -> None:  # type: ignore[no-untyped-def]
    """Tables used for page layout (old Korean sites put the whole article in a <td>) become plain <div>s.

    trafilatura renders tables as '| cell |' rows, which would glue the header, body and sidebar together; a
    long table that nests tables, holds headings, lists or divs, or has a cell of paragraphs is layout, not data.
    """
    for table in list(tree.iter("table")):
        single_cell = len(table.xpath(".//td | .//th")) == 1  # a frame (a photo and its caption), never data
        if len(table.text_content()) < _LAYOUT_TABLE_CHARS and not single_cell:
            continue
        nested = table.find(".//table") is not None
        # a cell of paragraphs, directly or in a block of its own ('<td><div id="font">text<br><br>…</div></td>')
        paragraphs = any(len(cell.xpath("br | */br")) >= 4 or len(cell.xpath("p | */p")) >= 2 for cell in table.iter("td"))
        if not (single_cell or nested or paragraphs or len(table.xpath(_LAYOUT_BLOCKS)) >= 2):
            continue
        for element in [table, *table.iter("tbody", "thead", "tfoot", "tr", "td", "th")]:
            element.tag = "div"


_SOURCE_NEWLINE = re.compile(r"[ \t\r\f]*\n\s*")
_PREFORMATTED = frozenset({"pre", "textarea", "script", "style", "listing", "plaintext", "xmp"})


def collapse_source_newlines(tree) -> None:  # type: ignore[no-untyped-def]
    """Line breaks in the HTML source become spaces, as a browser shows them ('<div>one sentence wrapped\n over
    lines</div>' is one paragraph); afterwards only markup (<br>, blocks) and preformatted text break lines."""
    preformatted: set = set()
    for element in tree.iter():
        if element in preformatted:
            continue
        if element.tail and "\n" in element.tail:
            element.tail = _SOURCE_NEWLINE.sub(" ", element.tail)
        if element.tag in _PREFORMATTED:
            preformatted.update(element.iterdescendants())
        elif element.text and "\n" in element.text and isinstance(element.tag, str):
            element.text = _SOURCE_NEWLINE.sub(" ", element.text)


_INLINE_TAGS = frozenset("a span b strong em i u sup sub font mark small abbr cite q code time s del ins label".split())


def paragraphs_from_breaks(tree) -> None:  # type: ignore[no-untyped-def]
    """Turn '<div>text<br><br>text…</div>' bodies (Naver, Donga) into <p> paragraphs.

    trafilatura drops text that sits directly in a container next to block children (the lead before the
    first <br>, the text after a photo <div>); giving each <br>-separated run its own <p> keeps it.
    """
    from lxml.html import Element

    for span in list(tree.iter("span")):  # '<span itemprop="articleBody">text<br><br>text</span>' is a block
        breaks = len(span.findall("br"))
        if (breaks >= 2 and span.find("div") is not None) or breaks >= 4:
            span.tag = "div"
    for element in list(tree.iter("div", "article", "section", "td", "main")):
        if element.find("br") is None:
            continue
        if not ((element.text and element.text.strip()) or any(c.tail and c.tail.strip() for c in element)):
            continue
        children = list(element)
        rebuilt: list = []
        current = None
        if element.text and element.text.strip():
            current = Element("p")
            current.text = element.text
        element.text = None
        for child in children:
            element.remove(child)
            tail, child.tail = child.tail, None
            if not isinstance(child.tag, str):  # comments, processing instructions
                pass
            elif child.tag == "br":
                if current is not None:
                    rebuilt.append(current)
                current = None
            elif child.tag in _INLINE_TAGS:
                if current is None:
                    current = Element("p")
                current.append(child)
            else:
                if current is not None:
                    rebuilt.append(current)
                current = None
                rebuilt.append(child)
            if tail and tail.strip():
                if current is None:
                    current = Element("p")
                if len(current):
                    current[-1].tail = (current[-1].tail or "") + tail
                else:
                    current.text = (current.text or "") + tail
        if current is not None:
            rebuilt.append(current)
        element.extend(rebuilt)


_MAX_SUBTITLES = 3
_MAX_SUBTITLE_CHARS = 150


def prune_subtitles(tree) -> list[str]:  # type: ignore[no-untyped-def]
    """Remove deck elements ('<h3 class="art_subtitle">', '<p class="sub_title">') from the tree; return their lines.

    trafilatura either drops a deck that sits above the text or keeps it as the first paragraphs; read here, it
    becomes the Article's subtitles. Only short elements outside navigation count, at most three lines.
    """
    found: list[str] = []
    for element in tree.xpath(HTML_SUBTITLE_XPATH):
        if element.getparent() is None or next(element.iterancestors("nav", "aside", "footer", "li"), None) is not None:
            continue
        lines = normalise_lines("\n".join(element.itertext()))
        if not lines or len(found) + len(lines) > _MAX_SUBTITLES or any(len(line) > _MAX_SUBTITLE_CHARS for line in lines):
            continue
        found += [line for line in lines if line not in found]
        remove_keeping_tail(element)
    return found
