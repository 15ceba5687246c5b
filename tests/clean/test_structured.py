"""Pages whose article lives only in JSON: JSON-LD (`@graph`, lists, escaped unicode) and app state (Next.js
`__NEXT_DATA__`, `window.__INITIAL_STATE__ = {...}`), built here in the shapes real sites use; related stories in the
same JSON must not leak. The prose is our own."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from summarizer.clean import clean_article
from summarizer.clean.metadata import seoul_tz
from summarizer.clean.structured import MAX_SCRIPT_CHARS, body_paragraphs, read_structured

TITLE = "정부, 중소기업 지원에 3조원 투입"
PARAGRAPHS = (
    "정부는 9일 중소기업 지원을 크게 늘리는 새 경제 정책을 발표했다고 밝혔다. 이번 정책은 내년부터 시행된다.",
    "기획재정부 관계자는 \"경기 회복을 위해 재정을 적극적으로 풀 것\"이라고 말했다. 예산은 모두 3조원 규모다.",
    "전문가들은 이번 조치가 경기 회복에 도움이 될 것이라고 평가했다. 다만 재원 마련 방안이 불분명하다는 지적도 나왔다.",
)
RELATED = "관련 기사의 본문은 이 페이지의 기사가 아니므로 결과에 나오면 안 된다. 같은 JSON 안에 함께 들어 있을 뿐이다."
PUBLISHED = datetime(2016, 8, 9, 16, 52, 59, tzinfo=seoul_tz())
BODY_HTML = ("<p>" + PARAGRAPHS[0] + "</p><figure><img src='a.jpg'><figcaption>사진 설명은 본문이 아니다</figcaption></figure>"
             "<p>" + PARAGRAPHS[1] + "<br><br>" + PARAGRAPHS[2] + "</p>")


def _page(head: str = "", body: str = "<div id='__next'></div>", title: str = TITLE + " - 한국경제") -> bytes:
    return f"<!doctype html><html lang='ko'><head><meta charset='utf-8'><title>{title}</title>{head}</head><body>{body}</body></html>".encode()


def _script(value: object, kind: str = "application/ld+json", ascii_only: bool = True) -> str:
    return f"<script type='{kind}'>{json.dumps(value, ensure_ascii=ascii_only)}</script>"


def _article(body: str, **extra: object) -> dict:
    return {"id": 1, "title": TITLE, "content": body, "publishedAt": "2016-08-09T16:52:59+09:00",
            "reporter": {"name": "김민수 기자", "email": "kim@example.co.kr"}, **extra}


# related stories with bodies longer than the story itself: the page's title, not the length, picks the story
RELATED_STORIES = [{"id": n, "title": f"다른 기사 제목 {n}", "content": RELATED * 5, "publishedAt": "2016-08-08T09:00:00+09:00"}
                   for n in (2, 3)]


def test_next_data_page_gives_body_title_date_and_reporter_without_related_stories() -> None:
    state = {"props": {"pageProps": {"relatedArticles": RELATED_STORIES, "article": _article(BODY_HTML)}}, "page": "/article/[id]"}
    article = clean_article(_page(body="<div id='__next'></div>" + _script(state, "application/json").replace("<script ", "<script id='__NEXT_DATA__' ")))
    assert article.paragraphs == PARAGRAPHS
    assert article.title == TITLE and article.published_at == PUBLISHED and article.reporters == ("김민수",)
    assert RELATED not in " ".join(article.paragraphs) and "사진 설명" not in article.text


def test_initial_state_assignment_is_parsed_with_a_json_parser() -> None:
    state = {"article": {"list": RELATED_STORIES, "detail": _article("\n\n".join(PARAGRAPHS), regDt=1470729179000)}}
    script = f"<script>window.__INITIAL_STATE__ = {json.dumps(state)};(function(){{var a = '}}';}})();</script>"
    article = clean_article(_page(body="<div id='app'></div>" + script))
    assert article.paragraphs == PARAGRAPHS and article.title == TITLE and article.published_at == PUBLISHED


@pytest.mark.parametrize("assign", [
    "var articleData = {state};",
    "window.__DATA__ = JSON.parse({quoted});",
    "window.__PRELOADED_STATE__ = JSON.parse('{single}');",
])
def test_other_state_assignments(assign: str) -> None:
    state = json.dumps({"page": {"article": _article("\n\n".join(PARAGRAPHS), title=TITLE + " \"인용\"")}}, ensure_ascii=False)
    single = state.replace("\\", "\\\\").replace("'", "\\'")
    script = "<script>" + assign.format(state=state, quoted=json.dumps(state), single=single) + "</script>"
    article = clean_article(_page(body="<div id='app'></div>" + script, title=TITLE + " \"인용\" - 한국경제"))
    assert article.paragraphs == PARAGRAPHS and article.published_at == PUBLISHED


@pytest.mark.parametrize("story", [
    # a list of paragraph strings, dates under other names, the reporter as a plain field
    {"newsTitle": TITLE, "paragraphs": list(PARAGRAPHS), "registDate": "2016.08.09 16:52:59", "modifyDate": "2016-08-09 17:30",
     "reporterName": "김민수"},
    # content blocks in the shape of Arc XP's 'content_elements' (an image block between paragraphs)
    {"headlines": {"basic": TITLE}, "title": TITLE, "content_elements": [
        {"type": "text", "content": PARAGRAPHS[0]}, {"type": "image", "url": "a.jpg", "caption": "사진 설명은 본문이 아니다"},
        {"type": "text", "content": PARAGRAPHS[1]}, {"type": "text", "content": PARAGRAPHS[2]}],
     "first_publish_date": "2016-08-09T07:52:59Z", "last_updated_date": "2016-08-09T08:30:00Z", "credits": {"by": [{"name": "김민수"}]}},
])
def test_article_fields_found_by_shape_under_other_names(story: dict) -> None:
    state = {"page": {"story": story, "sidebar": RELATED_STORIES}}
    article = clean_article(_page(body=f"<script>window.__APP__ = {json.dumps(state, ensure_ascii=False)};</script>"))
    assert article.paragraphs == PARAGRAPHS and article.title == TITLE and article.published_at == PUBLISHED
    assert article.updated_at is not None and article.updated_at > PUBLISHED and article.reporters == ("김민수",)


def test_state_assigned_to_a_namespace_property_with_headline_variants() -> None:
    # Arc XP's 'Fusion.globalContent = {…}' after other statements; the title only as a dict of variants
    story = {"headlines": {"basic": TITLE, "web": ""}, "credits": {"by": [{"type": "author", "name": "김민수"}]},
             "first_publish_date": "2016-08-09T07:52:59.000Z",
             "content_elements": [{"type": "text", "content": p} for p in PARAGRAPHS]}
    cache = {"feed": {"content_elements": [{"headlines": {"basic": f"다른 기사 제목 {n}"}, "content_elements": [
        {"type": "text", "content": RELATED * 3}]} for n in (2, 3)]}}
    script = (f"<script>window.Fusion=window.Fusion||{{}};Fusion.arcSite=\"site\";Fusion.globalContent={json.dumps(story)};"
              f"Fusion.contentCache={json.dumps(cache)};</script>")
    article = clean_article(_page(body="<div id='fusion-app'></div>" + script, title=TITLE + "｜조선일보"))
    assert article.paragraphs == PARAGRAPHS and article.title == TITLE and article.published_at == PUBLISHED
    assert article.reporters == ("김민수",)


def test_a_headline_like_first_line_of_a_json_body_stays_body() -> None:
    # the body field starts with a short line without a full stop; the deck, if any, has fields of its own
    lead = "중소기업 지원 3조원, 내년부터 단계적 시행"
    state = {"article": {"detail": _article("<br/><br/>".join((lead, *PARAGRAPHS)), subTitle="재원 마련 방안은 아직 불분명")}}
    article = clean_article(_page(body=f"<div id='app'></div><script>window.__INITIAL_STATE__ = {json.dumps(state)};</script>"))
    assert article.paragraphs == (lead, *PARAGRAPHS) and article.title == TITLE


def test_next_app_router_flight_payload_split_over_scripts() -> None:
    row = json.dumps(["$", "$L5", None, {"relatedArticles": RELATED_STORIES, "article": _article(BODY_HTML)}], ensure_ascii=False)
    payload = '0:["$","html",null,{}]\n4:' + row + "\n"
    half = len(payload) // 2
    pushes = "".join(f"<script>self.__next_f.push({json.dumps([1, part])})</script>" for part in (payload[:half], payload[half:]))
    article = clean_article(_page(body="<script>(self.__next_f=self.__next_f||[]).push([0])</script>" + pushes))
    assert article.paragraphs == PARAGRAPHS and article.title == TITLE and article.published_at == PUBLISHED
    assert article.reporters == ("김민수",)


def test_nuxt_data_payload_with_index_references() -> None:
    payload = [{"data": 1}, {"article": 2}, {"title": 3, "body": 4, "createdAt": 5}, TITLE, "\n\n".join(PARAGRAPHS), "2016-08-09 16:52:59"]
    script = f"<script type='application/json' id='__NUXT_DATA__'>{json.dumps(payload)}</script>"
    article = clean_article(_page(body="<div id='__nuxt'></div>" + script))
    assert article.paragraphs == PARAGRAPHS and article.title == TITLE and article.published_at == PUBLISHED


def test_json_ld_graph_with_escaped_unicode_and_person_list() -> None:
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "한국경제", "url": "https://www.hankyung.com"},
        {"@type": ["NewsArticle"], "headline": TITLE, "articleBody": "\n".join(PARAGRAPHS), "datePublished": "2016-08-09T16:52:59+09:00",
         "dateModified": "Tue, 09 Aug 2016 08:30:00 GMT", "author": [{"@type": "Person", "name": "김민수"}, "이영희 기자",
                                                                      {"@type": "Organization", "name": "한국경제"}],
         "publisher": {"@type": "Organization", "name": "한국경제"}},
    ]}
    article = clean_article(_page(head=_script(graph), body="<div id='root'>로딩 중...</div>", title="한국경제"))
    assert article.paragraphs == PARAGRAPHS and article.title == TITLE
    assert article.published_at == PUBLISHED and article.updated_at == datetime(2016, 8, 9, 17, 30, tzinfo=seoul_tz())
    assert article.reporters == ("김민수", "이영희") and article.source == "한국경제"


def test_json_ld_body_wins_over_a_dom_of_teasers_only() -> None:
    teasers = "".join(f"<p><a href='/n/{n}'>다른 소식 {n}: 지역 경제가 살아나고 있다는 분석이 나왔다는 내용의 기사 요약문이다.</a></p>" for n in range(12))
    ld = {"@type": "NewsArticle", "headline": TITLE, "articleBody": "\n".join(PARAGRAPHS)}
    article = clean_article(_page(head=_script(ld), body=f"<div class='list'>{teasers}</div>"))
    assert article.paragraphs == PARAGRAPHS


def test_json_ld_gives_the_time_a_date_only_meta_lacks_and_the_dom_keeps_its_body() -> None:
    dom = "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "<p>" + PARAGRAPHS[0].replace("정부는", "당국은") + "</p>"
    ld = {"@type": "NewsArticle", "headline": TITLE, "datePublished": "2016-08-09T16:52:59+09:00", "articleBody": PARAGRAPHS[0]}
    head = "<meta property='article:published_time' content='2016-08-09'>" + _script(ld)
    article = clean_article(_page(head=head, body=f"<article>{dom}</article>"))
    assert article.published_at == PUBLISHED
    assert len(article.paragraphs) == 4  # the DOM body, longer than the JSON's, is kept


def test_a_cut_json_ld_headline_does_not_replace_the_page_title() -> None:
    ld = {"@type": "NewsArticle", "headline": TITLE[:8] + "…", "articleBody": "\n".join(PARAGRAPHS)}
    assert clean_article(_page(head=_script(ld), body="<div></div>")).title == TITLE


def test_the_visible_headline_wins_over_a_different_seo_headline() -> None:
    ld = {"@type": "NewsArticle", "headline": "검색용으로 다르게 쓴 제목", "articleBody": "\n".join(PARAGRAPHS)}
    head = f"<meta property='og:title' content='{TITLE}'>" + _script(ld)
    assert clean_article(_page(head=head, body="<div></div>")).title == TITLE


def test_javascript_state_is_skipped_not_guessed() -> None:
    script = "<script>window.__NUXT__=(function(a,b){return {data:[{title:a,content:b}]}}('제목','본문'));</script>"
    tree = _tree(_page(body=script))
    assert read_structured(tree) == []


def test_huge_scripts_are_skipped() -> None:
    state = {"article": _article("\n".join(PARAGRAPHS), padding="x" * MAX_SCRIPT_CHARS)}
    tree = _tree(_page(body=f"<script>window.__INITIAL_STATE__ = {json.dumps(state)}</script>"))
    assert read_structured(tree) == []


def test_a_state_without_an_article_body_gives_nothing() -> None:
    state = {"user": {"name": "홍길동"}, "menu": [{"title": "정치"}, {"title": "경제"}], "teasers": RELATED_STORIES[:0]}
    assert read_structured(_tree(_page(body=f"<script>window.__PRELOADED_STATE__ = {json.dumps(state)}</script>"))) == []


@pytest.mark.parametrize("body,expected", [
    ("첫 문단이다.<br/><br/>둘째 문단이다.", ["첫 문단이다.", "둘째 문단이다."]),
    ("<div>첫 문단이다.</div><img src=x>둘째 &amp; 문단이다.", ["첫 문단이다.", "둘째 & 문단이다."]),
    ("첫 문단이다.\r\n\r\n둘째 &quot;문단&quot;이다.", ["첫 문단이다.", "둘째 \"문단\"이다."]),
])
def test_body_strings_become_paragraphs(body: str, expected: list[str]) -> None:
    assert body_paragraphs(body) == expected


def _tree(page: bytes):  # type: ignore[no-untyped-def]
    from trafilatura.utils import load_html

    return load_html(page.decode())


def test_hostile_states_are_bounded() -> None:
    deep = "[" * 5_000 + "]" * 5_000  # past the JSON parser's recursion limit
    many = {"list": [_article(RELATED * 3, id=n, title=f"기사 {n}") for n in range(400)], "article": _article("\n".join(PARAGRAPHS))}
    page = _page(body=f"<script>window.__INITIAL_STATE__ = {deep};</script><script type='application/json'>{deep}</script>"
                      f"<script>window.__PRELOADED_STATE__ = {json.dumps(many, ensure_ascii=False)};</script>")
    article = clean_article(page)  # no RecursionError, no runaway walk; the page's title still picks the story
    assert article.title == TITLE
    assert article.paragraphs in (PARAGRAPHS, ())  # past the work bounds the story may be skipped, never mixed up
