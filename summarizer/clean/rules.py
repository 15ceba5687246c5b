"""The data tables of the cleaner: every pattern that recognises Korean (and some English) news-page chrome.

One table, `LINE_RULES`, classifies a whole line; `LEAD_PREFIXES` strips a dateline/byline from the start of a
paragraph; word lists (`CHROME_WORDS`, `SECTION_WORDS`) recognise menus and button rows; `OUTLETS` maps outlet
names and domains (the word lists live in vocabulary.py). Every entry carries an `example` it must match and a `counter` example (a body-like line) it
must not match; tests/clean/test_rules.py checks each one, so adding a rule means adding its two examples.

Pages in other languages only get the 'end' and 'chrome' kinds (html.OTHER_LANGUAGE_KINDS).

Rule kinds (what the cleaner does with a matching line):
    chrome     drop the line (menus, buttons, promos, ads, image placeholders)
    timestamp  drop the line, read published/updated datetimes from it (see metadata.py)
    caption    drop the line (photo captions)
    credit     drop the line (a bare photo credit: '게티이미지뱅크', '/사진=서울경제'); a short line above it is its caption
    copyright  drop the line; after the body it also ends the article
    signoff    drop the line, read reporters/e-mails from it; after the body it ends the article
    byline     drop the line, read reporters from it; the article goes on (a broadcast's '홍길동 기자입니다.')
    end        drop the line and everything after it once the body has started (related/most-read blocks,
               comments, footers)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.clean.vocabulary import SURNAMES

# Building blocks shared by the tables and metadata.py.
HANGUL_NAME = r"(?:[가-힣]{2,4})"
# Broadcasters whose reporters sign off on air ('KBS 뉴스 홍길동입니다.'); a table, so 'MZ세대 특징입니다.' or
# 'OECD 최하위입니다.' are not sign-offs. Hangul names ending in TV/방송 ('한국경제TV', '부산방송') count too.
BROADCASTERS = (
    "KBS", "MBC", "SBS", "YTN", "JTBC", "MBN", "TV조선", "채널A", "연합뉴스TV", "연합뉴스", "OBS", "EBS", "CBS", "BBS", "KNN",
    "TBC", "TJB", "KBC", "JTV", "G1", "UBC", "CJB", "뉴스Y", "SBS Biz", "VOA", "BBC", "RFA", "아리랑TV", "국악방송",
)
BROADCASTER = r"(?:" + "|".join(sorted(map(re.escape, BROADCASTERS), key=len, reverse=True)) + r"|[가-힣]{1,6}(?:TV|방송))"
# Titles that follow a reporter's name; longest first so "선임기자" wins over "기자".
REPORTER_ROLES = (
    "객원논설위원", "논설위원", "편집위원", "칼럼니스트", "선임기자", "전문기자", "인턴기자", "수습기자", "객원기자",
    "사진기자", "영상기자", "취재기자", "대기자", "특파원", "통신원", "에디터", "기상캐스터", "앵커", "기자", "PD",
)
ROLE = r"(?:[가-힣]{0,6}(?:" + "|".join(REPORTER_ROLES) + r"))"
NAMES = HANGUL_NAME + r"(?:\s*[·,ㆍ]\s*" + HANGUL_NAME + r"|\s+" + HANGUL_NAME + r"(?=\s*[·,ㆍ]|(?:\s+" + HANGUL_NAME + r"){0,3}\s+[가-힣]{0,6}(?:기자|특파원)))*"
EMAIL = r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"
# A broadcaster's sign-off sentence, 'KBS 뉴스 홍길동[hong@kbs.co.kr]입니다.': one pattern for the line rule, the form
# closing a paragraph (TRAILING_SIGNOFF) and metadata's reading of the name.
BROADCAST_SIGNOFF = r"(?:[가-힣]{1,10}에서\s+)?" + BROADCASTER + r"\s*(?:뉴스\s*)?(?P<names>" + HANGUL_NAME + r")\s*(?:[\[(<]\s*" + EMAIL + r"\s*[\])>])?\s*입니다\.?"
# A calendar date with an optional time: 2020년01월29일 14:52 / 2020.01.29. 오후 2:52 / 2016-06-01 14:52:33 / 2016. 6. 1. 14:52
DATE = (
    r"(?P<y>(?:19|20)\d{2})\s*[.\-/년]\s*(?P<m>\d{1,2})\s*[.\-/월]\s*(?P<d>\d{1,2})(?!\d)\s*(?:일|\.)?\s*"
    r"(?:[(（]\s*[월화수목금토일]\s*(?:요일)?[)）]\s*)?"
    r"(?:(?P<ampm>오전|오후|AM|PM|am|pm)\s*)?"
    r"(?:[(（]\s*(?=\d{1,2}\s*:))?"  # '2016.02.12 (20:21)'
    r"(?:(?P<H>\d{1,2})\s*(?::|시)\s*(?P<M>\d{2})(?:\s*(?::|분)\s*(?P<S>\d{2}))?(?:\s*초|\s*분)?)?"
    r"(?:\s*(?:KST|\+09:?00))?"
)
# Labels in front of a page's timestamps; the first group means "published", the second "updated".
PUBLISHED_LABELS = (
    "기사입력", "기사승인", "최초입력", "입력시간", "입력일자", "입력일", "입력", "기사등록", "등록일시", "등록일", "등록", "송고시간",
    "송고", "승인", "기사전송", "전송", "게재", "발행일", "발행", "작성일", "작성", "게시일", "게시", "보도", "Posted", "Published",
)
# Published labels of the print edition ('게재 일자 : 2022년 02월 21일'): used only when the page gives no other time.
PRINT_LABELS = ("게재", "발행일", "발행", "지면")
UPDATED_LABELS = (
    "최종수정", "최종 수정", "최종업데이트", "최종 업데이트", "기사수정", "수정일", "수정시간", "수정", "업데이트",
    "최종편집", "업데이트됨", "Updated", "Modified",
)
TIMESTAMP_LABELS = UPDATED_LABELS + PUBLISHED_LABELS + ("지면",)
# A two-digit-year date with time ('16.01.18 20:47'), read as 20yy.
SHORT_DATE = r"(?<![\d.])(?P<y>\d{2})\.(?P<m>\d{1,2})\.(?P<d>\d{1,2})\.?\s+(?P<H>\d{1,2}):(?P<M>\d{2})"
# A three-syllable name led by a common surname: for lines whose only sign of a byline is the name ('취재 홍길동').
SURNAME_NAME = r"(?:[" + "".join(sorted(SURNAMES)) + r"][가-힣]{2})"
# Bylines whose names the metadata pass reads with the same patterns ('names' group): '서울-홍길동 hong@rfa.org',
# '취재 홍길동, 김철수 / 촬영 …' (the 취재 names are the reporters)
PLACE_NAME_EMAIL = r"^[가-힣]{2,6}\s*-\s*(?P<names>" + SURNAME_NAME + r")\s+" + EMAIL
CREDITS_BYLINE = r"^취재\s*[:：]?\s*(?P<names>" + SURNAME_NAME + r"(?:\s*[,·]\s*" + SURNAME_NAME + r")*)"
@dataclass(frozen=True)
class LineRule:
    """One pattern of the table: a whole line matching `pattern` (re.search, up to `max_len` chars) is `kind`."""

    name: str
    kind: str
    pattern: str
    example: str
    counter: str
    max_len: int = 160


_CLOSE_Q = r"[\"'”’」』)\]]*"
# A date with an optional time ('2016-08-09 16:06', '2016년 08월 09일 16시 06분', '[2016.8.9 오후 4:06]') and a byline with
# an optional e-mail ('김민수 기자 kim@…', '박준석 기자 외 1명'): the parts of a dump's one-line header
_STAMP = (r"[\[(]?\s*(?:19|20)\d{2}\s*[.\-/년]\s*\d{1,2}\s*[.\-/월]\s*\d{1,2}\s*[.일]?\s*(?:[(（][월화수목금토일][)）]\s*)?"
          r"(?:(?:오전|오후)\s*)?(?:\d{1,2}\s*(?::|시)\s*\d{2}(?:\s*(?::|분)\s*\d{2})?\s*(?:분|초)?)?\s*[\])]?")
_BYLINE = NAMES + r"\s*" + ROLE + r"(?:\s*외\s*\d+\s*명)?(?:\s*[\[(<]?\s*" + EMAIL + r"\s*[\])>]?)?"
LINE_RULES: tuple[LineRule, ...] = (
    # A source line ending in the time ('출처: 인민망 | 2021-06-09 17:52') is the timestamp, before it looks like a credit
    LineRule("timestamp_after_bar", "timestamp", r"^[^.!?\n]{0,40}\s[|ㅣ]\s*(?:19|20)\d{2}[.\-/]\s?\d{1,2}[.\-/]\s?\d{1,2}\.?\s+(?:오전|오후)?\s*\d{1,2}:\d{2}(?::\d{2})?\s*$",
             "출처: 인민망 한국어판 | 2021-06-09 17:52", "2021-06-09 17:52에 그는 | 표시를 했다고 말했다.", 100),
    # --- photo credits: a line that is only a credit; the short line above it is the caption text ---
    LineRule("credit_photo_source", "credit", r"^[\[(<]?\s*/?\s*(?:사진|그래픽|이미지|자료|출처|영상)\s*(?:제공|출처)?\s*[=:]\s*[^\s=].{0,30}$",
             "/사진=서울경제", "사진 한 장이 화제가 됐다는 점이 흥미롭다."),
    LineRule("credit_archive_photo", "credit", r"^[\[(<]?\s*(?:(?:[가-힣A-Za-z0-9]{2,10}\s?)?(?:자료\s?사진|DB)|[가-힣A-Za-z0-9]{2,10}\s?포토)\s*[\])>]?$|^[\[(<]\s*사진\s+[가-힣A-Za-z0-9 ]{2,15}[\])>]$|^[\[(<]\s*사진\s*[\])>]\s*[가-힣A-Za-z0-9 ]{2,20}$",
             "[사진] OSEN DB", "자료를 모은 결과다."),
    # a wire graphic's credit: '(서울=연합뉴스) 홍길동 기자 = 트위터 @yonhap_graphics 페이스북 tuney.kr/LeYN1'
    LineRule("credit_graphic_social", "credit", r"^[\[(【][^\])】]{2,20}[\])】]\s*" + HANGUL_NAME + r"\s*" + ROLE + r"\s*=\s*(?:트위터|페이스북|인스타그램)\s",
             "(서울=연합뉴스) 홍길동 기자 = 트위터 @yonhap_graphics 페이스북 tuney.kr/LeYN1", "(서울=연합뉴스) 홍길동 기자 = 트위터가 새 기능을 내놨다."),
    LineRule("credit_broadcast_crew", "credit",
             r"^(?:[(\[][가-힣]{1,8}[)\]]\s*)?(?:촬영\s*기자|영상\s*취재|영상\s*편집|촬영|편집|그래픽|CG|영상\s*디자인|자료\s*조사)\s*[:：]\s*" + HANGUL_NAME
             + r"(?:\s*[/,·]\s*(?:(?:촬영\s*기자|영상\s*취재|영상\s*편집|촬영|편집|그래픽|CG|영상\s*디자인|자료\s*조사)\s*[:：]\s*)?" + HANGUL_NAME + r")*\s*[)\]]?$",
             "(워싱턴) 영상취재: 홍길동 / 영상편집: 김철수", "영상 편집은 홍길동이 맡았다고 한다."),
    LineRule("credit_artist", "credit", r"^[\[(<]?\s*(?:그래픽|사진|일러스트|디자인|영상)\s*[=:]\s*" + HANGUL_NAME + r"\s*" + ROLE + r"?\s*[\])>]?$",
             "그래픽=고연나 기자", "그래픽을 만든 사람은 고연나 기자다."),
    LineRule("credit_stock_photo", "credit", r"^[\[(<]?\s*(?:게티이미지(?:뱅크|코리아)?|이미지투데이|클립아트코리아|셔터스톡|Shutterstock|Getty\s*Images|픽사베이|AFP|AP|EPA|로이터)(?:\s*연합뉴스)?\s*(?:제공)?\s*[\])>]?$",
             "게티이미지뱅크", "게티이미지뱅크는 사진 판매 회사다. 이 회사는 성장했다."),
    LineRule("credit_copyright_symbol", "credit", r"^(?:ⓒ|©)\s*[가-힣A-Za-z0-9 .]{1,15}$", "ⓒ 한겨레",
             "ⓒ 한겨레신문 : 무단전재 및 재배포 금지"),
    # --- captions (checked before timestamps and bylines: captions often start with a dateline/byline) ---
    LineRule("caption_trailing_credit", "caption",
             r"(?:[\[(<]\s*[가-힣A-Za-z0-9 ]{0,12}(?:자료\s?사진|DB|제공)\s*[\])>]|자료\s?사진|/\s*사진\s*=\s*\S{1,20})\s*$",
             "관람객들이 전시물을 살펴보고 있다. [연합뉴스 자료사진]", "정부는 이날 자료를 제공했다.", 200),
    LineRule("caption_photo_tag", "caption", r"[\[(<]\s*(?:사진|그래픽|이미지|자료사진|영상)\s*(?:제공|출처)?\s*[=:／/]",
             "AI 광주시대 비전목표 [사진=광주광역시] 2020.01.29 jb5459@newspim.com",
             "광주시는 29일 사진전을 열었다고 밝혔다.", 400),
    LineRule("caption_resale_ban", "caption", r"재판매\s*및\s*DB\s*금지", "*재판매 및 DB 금지", "판매 및 금지 조치를 발표했다.", 400),
    LineRule("caption_date_email_tail", "caption", r"(?:19|20)\d{2}\.\s?\d{1,2}\.\s?\d{1,2}\.?\s*(?:/\s*\S+\s*)?" + EMAIL + r"\s*$",
             "[서울=뉴시스] 홍길동 기자 = 1일 서울 강남구에서 열린 행사 모습. 2016.06.01. hong@newsis.com",
             "홍길동 기자 hong@newsis.com", 400),
    LineRule("caption_date_slash_outlet", "caption", r"(?:19|20)\d{2}\.\s?\d{1,2}\.\s?\d{1,2}\.?\s*/\s*[가-힣A-Za-z0-9]{2,10}",
             "(서울=뉴스1) 홍길동 기자 = 1일 서울 시내 모습. 2016.6.1/뉴스1", "이 회사는 2016.6.1 기준 1위였다.", 400),
    LineRule("caption_slash_credit_end", "caption",
             r"[.)\]\s]\s*/\s*(?:[가-힣A-Za-z]{2,12}(?:\s?(?:기자|특파원|제공|DB))?|AP|AFP|EPA|로이터|게티이미지(?:뱅크|코리아)?)(?:\s*=\s*[가-힣A-Za-z0-9]{2,8})?(?:\s*연합뉴스)?\s*/?\s*$",
             "1일 서울 광화문광장에서 시민들이 걷고 있다. /AFPBBNews=뉴스1", "이는 기존 방식 대비 2배/년 수준이다.", 300),
    # A sentence (or two) closed by a wire or stock-photo credit: '… 살펴보고 있다. EPA연합뉴스', '… ⓒAP/뉴시스'
    LineRule("caption_agency_credit_end", "caption",
             r"[.!?\]\)][\"'”’]?\s+(?:(?:ⓒ|©)\s*|<\s*)?(?:(?:AP|AFP|EPA|UPI|로이터|신화|교도|타스)\s*(?:[=/·]\s*)?)?(?:연합뉴스|뉴시스|뉴스1|게티이미지(?:뱅크|코리아)?|셔터스톡|픽사베이|unsplash|AP|AFP|EPA|로이터|GETTY\s?IMAGES|Getty\s?Images|[A-Z][A-Z0-9&]{2,15}(?:\s[A-Z][A-Z0-9&]{1,15})?)(?:\s*(?:제공|자료사진|DB))?\s*>?\s*$",
             "인도네시아 팔루에서 주민들이 건물 잔해 사이를 살펴보고 있다. AP연합뉴스", "그는 이 사실을 처음 보도한 곳이 연합뉴스라고 밝혔다.", 300),
    LineRule("caption_outlet_copyright_credit", "caption", r"\S\s*/\s*[가-힣A-Za-z0-9]{2,10}\s*(?:©|ⓒ)\s*[A-Za-z0-9가-힣]{2,12}(?:\s+" + HANGUL_NAME + r"\s*" + ROLE + r")?\s*$",
             "한 아동보호시설의 놀이방 /뉴스1 © News1 배석상 기자", "Copyright © 뉴스1. 무단 전재 및 재배포 금지.", 300),
    LineRule("caption_photo_bracket_end", "caption", r"\S\s*[\[(]\s*사진\s+[가-힣A-Za-z0-9]{2,12}\s*[\])]\s*$", "서울대 연구동 조감도 [사진 중앙포토]",
             "그는 [사진 한 장]을 꺼냈다고 말했다.", 300),
    LineRule("caption_copyright_credit_end", "caption", r"[.!?][\"'”’]?\s*(?:ⓒ|©)\s*[A-Za-z가-힣0-9][A-Za-z가-힣0-9 .=/·]{0,24}$",
             "공항 활주로에서 여객기가 이륙을 기다리고 있다. ⓒAP/뉴시스", "ⓒ 한겨레신문 : 무단전재 및 재배포 금지", 200),
    LineRule("caption_wire_bracket_end", "caption",
             r"\S\s*[\[(]\s*(?!자료|출처)[A-Za-z가-힣]{1,12}\s*(?:=\s*[가-힣A-Za-z0-9]{2,10}|/\s*(?:연합뉴스|뉴시스|뉴스1|AP|AFP|EPA|로이터))"
             r"(?:\s*(?:자료\s?사진|제공|DB|사진))?\s*[\])]\s*$",
             "의원들이 본회의장에서 표결 결과를 지켜보고 있다. [AP=연합뉴스 자료사진]", "이 사건은 (서울=연합뉴스) 보도로 알려졌다.", 300),
    # ('자료=한국갤럽' or '자료: 통계청' closing a paragraph names a data source, not a photo)
    LineRule("caption_photo_equals_end", "caption", r"\s(?:사진|그래픽|이미지)\s*[=|ㅣ:]\s*[^\s.=]{1,20}(?:\s?(?:제공|DB|[가-힣]{0,4}기자))?\s*[\])]?$",
             "▲ 현지 주민들이 피해 현장을 살펴보고 있다. 사진=게티이미지뱅크", "출생아 수는 23만명으로 집계됐다. 자료: 통계청", 300),
    LineRule("caption_triangle", "caption", r"^▲\s*\S.{0,250}(?:사진|제공|촬영|/\s*\S{1,12}\s*(?:기자)?)\s*[\])]?\s*$",
             "▲ 1일 서울 강남구 행사장 모습 (사진=삼성전자 제공)", "▲AI 클러스터 조성 ▲광주형 AI 생태계 조성을 제시했다.", 300),
    # --- timestamps (published/updated: metadata.py reads the datetimes) ---
    # A byline or the outlet may come first on the line: '홍길동 기자 | 기사입력 2022.08.02. 10:40:24', '뉴스1 | 기사전송 …'
    LineRule("timestamp_labelled", "timestamp",
             r"^(?![^\n]*[가-힣][.!?][\"'”’]?\s*$)(?:[^\n]{0,60}?[|ㅣ·,]\s*|[^\n]{0,40}?(?:기자|특파원|에디터|논설위원|" + EMAIL + r")\s+|[\[【][^\]】]{2,12}[\]】]\s*)?[\[(]?\s*(?:" + "|".join(map(re.escape, TIMESTAMP_LABELS))
             + r")\s*(?:일시|시간|일자|일)?\s*[:：]?\s*(?:19|20)\d{2}\s*[.\-/년]",
             "홍길동 기자 | 기사입력 2015-07-14 오후 1:53:18", "입력된 자료는 2020년 1월에 공개됐다는 점에서 주목된다.", 200),
    LineRule("timestamp_short_year", "timestamp", r"^\d{2}\.\d{1,2}\.\d{1,2}\.?\s+\d{1,2}:\d{2}", "16.01.18 20:47l최종 업데이트 16.01.18 21:49l",
             "16.5% 증가한 20:30 기준 수치다.", 80),
    LineRule("timestamp_trailing_label", "timestamp",
             r"(?:19|20)\d{2}[.\-/]\d{1,2}[.\-/]\d{1,2}\.?\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:송고|입력|최종\s*수정|수정|등록|게재)\s*(?:$|[|·/])",
             "(서울=뉴스1) 홍길동 기자 | 2016-06-01 14:52 송고 | 2016-06-01 15:10 최종수정",
             "연합뉴스는 2016-06-01 14:52 송고된 기사에서 이를 처음 보도했다고 밝혔다.", 120),
    LineRule("timestamp_date_source", "timestamp", r"^(?:19|20)\d{2}[.\-/]\d{1,2}[.\-/]\d{1,2}\.?\s+\d{1,2}:\d{2}(?::\d{2})?\s+[가-힣A-Za-z]{2,12}$",
             "2022.10.31 16:46 국방부", "2022.10.31 16:46 국방부가 발표했다.", 40),
    # a dump's header line with the time and the byline, either order ('2016-08-09 16:06 김민수 기자', '김민수 기자 | 2016.08.09'):
    # metadata.py reads both
    LineRule("timestamp_date_byline", "timestamp", r"^" + _STAMP + r"\s*[|ㅣ·/,]?\s*" + _BYLINE + r"\s*$",
             "2016-08-09 16:06 김민수 기자 kim@example.co.kr", "2016-08-09 16:06 김민수 기자가 현장에서 보도했다.", 100),
    LineRule("timestamp_byline_date", "timestamp", r"^" + _BYLINE + r"\s*[|ㅣ·/,]?\s*" + _STAMP + r"\s*$",
             "김민수 기자 2016-08-09 16:06", "김민수 기자는 2016-08-09 16:06 현장에 도착했다.", 100),
    LineRule("timestamp_bare", "timestamp", r"^[\[(]?\s*" + DATE.replace("?P<", "?P<b_") + r"\s*[\])]?$",
             "2016.06.01 14:52", "2016년 6월 1일 회사는 신제품을 내놨다.", 40),
    # (only after a photographer's dateline: a body sentence may end with a date too)
    LineRule("caption_date_tail", "caption", r"^[\[(【]\s*[^\]】)=]{1,12}=\s*[^\]】)]{2,12}[\]】)].*\S\s+(?:19|20)\d{2}\.\s?\d{1,2}\.\s?\d{1,2}\.?\s*$",
             "【서울=뉴시스】홍길동 기자 = 석방된 마부노 1호. 2017.01.14.",
             "이 계약은 2017.01.14.부터 효력이 생긴다.", 300),
    # --- copyright ---
    LineRule("copyright_no_reuse", "copyright", r"무단\s*[·ㆍ,]?\s*전재|재\s*배포\s*(?:및\s*)?(?:[^.]{0,20})?금지|무단\s*복제",
             "Copyright ⓒ 뉴스1. All rights reserved. 무단 전재 및 재배포, AI학습 이용 금지.", "무단 횡단을 하던 보행자가 다쳤다.", 300),
    LineRule("copyright_symbol", "copyright",
             r"^.{0,60}(?:ⓒ|©|\(c\)\s|\(C\)\s|Copyright\s*(?:©|ⓒ|\(c\)|\d{4}|by\b|[:]|$)|COPYRIGHT|저작권자\s*(?:ⓒ|©|\(c\)|\(C\)|[:：]))",
             "ⓒ 한겨레신문 : 무단전재 및 재배포 금지", "저작권 문제를 두고 논란이 계속되고 있다는 지적이 나왔다.", 300),
    LineRule("copyright_all_rights", "copyright", r"All\s+[Rr]ights\s+[Rr]eserved", "All rights reserved.",
             "The rights of all citizens are reserved by law, he said.", 300),
    LineRule("copyright_free_use", "copyright", r"자유롭게\s*이용이?\s*가능합니다|공공누리\s*제?\s*\d?\s*유형", "정책브리핑의 정책뉴스자료는 자유롭게 이용이 가능합니다.",
             "이 공원은 누구나 자유롭게 산책할 수 있다.", 200),
    LineRule("copyright_ai_training", "copyright", r"AI\s*학습\s*(?:및\s*활용|이용)?\s*금지", "AI 학습 및 활용 금지",
             "AI 학습 데이터를 활용한 서비스가 늘었다.", 300),
    # --- reporter sign-offs (metadata.py reads names and e-mails) ---
    LineRule("signoff_email_only", "signoff", r"^[\[(<]?\s*/?\s*" + EMAIL + r"(?:\s*[,/]\s*" + EMAIL + r")*\s*[\])>]?$",
             "jb5459@newspim.com", "문의는 jb5459@newspim.com 으로 하면 된다."),
    LineRule("signoff_name_role", "signoff",
             r"^[\[(<]?\s*(?:[/=]\s*)?(?:" + EMAIL + r"\s*)?(?:글\s*[·ㆍ]?\s*사진\s*=?\s*|글\s*[=:]?\s*)?(?:[가-힣A-Za-z0-9]{1,10}\s*[=/]\s*)?(?:[A-Za-z]{0,5}[가-힣A-Za-z0-9]{1,10}(?:뉴스|일보|신문|방송|TV|닷컴|미디어|경제)\s+)?" + NAMES + r"\s*" + ROLE
             + r"(?:\s*[,/]?\s*[\[(<]?\s*/?\s*" + EMAIL + r"\s*[\])>]?)*(?:\s*[,/·]?\s*(?:[가-힣]{1,8}\s*[=:]\s*)?" + NAMES + r"\s*" + ROLE
             + r"(?:\s*[\[(<]?\s*" + EMAIL + r"[\])>]?)*)*"
             + r"(?:\s*외\s*\d+\s*명)?"  # '박준석 기자 외 1명'
             + r"(?:\s*(?:프로필|다른\s*기사|기사\s*더\s*보기|기자\s*페이지|기자페이지|구독(?:하기)?)\s*(?:보기)?)*\s*[\])>]?$",
             "대담=홍길동 기자, 정리=김철수기자 kim@yna.co.kr", "홍길동 기자는 이날 현장을 찾았다."),
    # A broadcast hand-over ('홍길동 기자입니다.', '홍길동 기자가 보도합니다.'): names the reporter, the script goes on
    LineRule("byline_handover", "byline", r"^" + NAMES + r"\s*" + ROLE + r"(?:가|이)?\s*(?:입니다|보도합니다|전합니다|취재했습니다)\.?$",
             "홍길동 기자가 보도합니다.", "홍길동 기자가 보도한 내용입니다."),
    LineRule("signoff_role_name", "signoff", r"^(?:칼럼니스트|기자|에디터|논설위원)\s+(?!추천)" + HANGUL_NAME + r"(?:\s+" + EMAIL + r")?$",
             "칼럼니스트 박생강 pillgoo9@gmail.com", "기자 회견에서 그는 말했다."),
    LineRule("signoff_outlet_bracket", "signoff",
             r"^[\[(【]\s*[가-힣A-Za-z0-9]{2,12}\s+(?:[가-힣]{1,6}\s*=\s*)?" + NAMES + r"\s*" + ROLE + r"\s*[\])】]$",
             "[매일경제 홍길동 기자]", "[매일경제] 삼성전자가 신제품을 내놨다."),
    LineRule("signoff_outlet_email", "signoff", r"^(?:◎\s*)?(?:공감언론\s*)?[가-힣A-Za-z0-9]{2,10}\s+" + EMAIL + r"$",
             "◎공감언론 뉴시스 hong@newsis.com", "연락처 hong@newsis.com 로 보내면 답한다고 했다."),
    LineRule("signoff_broadcast", "signoff", r"^" + BROADCAST_SIGNOFF + r"$",
             "YTN 홍길동[hong@ytn.co.kr]입니다.", "YTN 보도에 따르면 이것은 사실입니다."),
    # '기자명 홍길동', '글: 홍길동(gildong)편집: 김철수(cskim)' (a citizen reporter and the desk that edited the piece)
    LineRule("signoff_byline_label", "signoff",
             r"^(?:(?:기자명|글쓴이|작성자|By|by)\s*[:：]?\s*|글\s*[:：=·]\s*)" + NAMES + r"(?:\s*" + ROLE + r")?(?:\s*\([A-Za-z0-9_.\-]{2,20}\))?"
             r"(?:\s*[|,]?\s*편집\s*[:：]\s*" + HANGUL_NAME + r"(?:\s*\([A-Za-z0-9_.\-]{2,20}\))?)?\s*$",
             "글: 홍길동(gildong)편집: 김철수(cskim)", "글을 쓴 사람은 알려지지 않았다."),
    LineRule("signoff_place_name_email", "signoff", PLACE_NAME_EMAIL + r"$", "서울-홍길동 hong@rfa.org",
             "서울-부산 노선이 hong@rfa.org 에 올라왔다."),
    LineRule("signoff_credits", "signoff", CREDITS_BYLINE + r"(?:\s*/\s*(?:촬영|편집|영상|그래픽|CG|디자인|연출)\s*[:：]?\s*[^/]{2,30})*$",
             "취재 홍길동, 김철수 / 촬영 이영희 / 편집 박민수", "취재 과정에서 홍길동은 많은 것을 배웠다."),
    LineRule("signoff_by_foreign_name", "signoff", r"^(?:By|by)\s+[가-힣]{1,5}(?:\s[가-힣]{1,6}){1,2}\s*$", "By 존 에드워드",
             "By 2030년까지 모든 차량을 바꾼다."),
    # --- end of the article: related / most-read / comments / footers ---
    LineRule("end_best_articles", "end", r"^[\[【<]?\s*[가-힣A-Za-z0-9]{0,10}\s*(?:베스트|BEST)\s*(?:기사|뉴스|클릭)\s*[\]】>]?$",
             "[뉴스핌 베스트 기사]", "베스트 기사로 선정된 이유가 있다는 평가가 나왔다."),
    LineRule("end_related", "end",
             r"^[\[【<■▶◆#]?\s*(?:[가-힣A-Za-z0-9]{2,10}\s+(?=추천|관련|인기))?(?:관련\s*(?:기사|뉴스|태그|키워드|링크|콘텐츠)|함께\s*(?:보면\s*좋은|볼만한|읽으면\s*좋은)\s*(?:기사|뉴스)|추천\s*(?:기사|뉴스)|연관\s*(?:기사|뉴스)|이\s*기사와\s*(?:관련된|함께).{0,12}|\S{1,15}에서\s*더\s*보기|(?:이\s*기사를\s*읽은\s*(?:분들이|독자들이)\s*)?함께\s*(?:본|읽은|많이\s*본)\s*(?:기사|뉴스)|(?:에디터|기자)\s*추천\s*(?:기사|뉴스))\s*[\]】>]?\s*(?:더\s*보기|\+|more)?$",
             "관련 뉴스", "관련 기사에 따르면 회사는 성장했다."),
    LineRule("end_most_read", "end",
             r"^[\[【<■▶◆]?\s*(?:[가-힣A-Za-z0-9]{0,12}\s)?(?:가장\s*)?(?:많이\s*(?:본|읽은|공유한|추천한)\s*(?:뉴스|기사)?|인기\s*(?:기사|뉴스|검색어)|랭킹\s*뉴스|실시간\s*(?:인기|급상승|뉴스|주요)\S*|핫\s*(?:이슈|뉴스|클릭)|이\s*시각\s*\S*|이\s*시간\s*\S*|오늘의\s*\S+|화제의\s*(?:뉴스|기사)|지금\s*(?:뜨는|많이\s*보는)\s*(?:기사|뉴스)|포토\s*뉴스|투데이\s*포토|최신\s*(?:뉴스|기사)|주요\s*뉴스|섹션별\s*\S+)\s*[\]】>]?\s*(?:더보기|\+|more)?$",
             "많이 본 뉴스", "많이 본 사람이 이긴다는 말이 있다고 그는 전했다."),
    LineRule("end_outlet_news", "end", r"^[\[【<]?\s*이\s*(?:언론사|기자|매체)의?\s*(?:다른|주요|인기|구독).{0,12}$",
             "이 기자의 다른 기사", "이 기자의 다른 기사도 인기를 끌었다는 분석이 나왔다고 한다."),
    LineRule("end_closing_mark", "end", r"^[(\[<]\s*끝\s*[)\]>]$|^덧붙이는\s*글\s*[|:：]|^[※*■]?\s*(?:바로잡습니다|정정\s*보도문?)(?:\s*[=:：]|$)", "(끝)", "끝까지 최선을 다하겠다고 말했다."),
    LineRule("end_author_bio", "end", r"^(?:19|20)\d{2}년\s*(?:[가-힣]{1,8}\s+)?출생\s*[.,]", "1969년 서울 출생. 한 대학 영화학과를 졸업했다.",
             "1990년생 직장인 김모씨는 지난해 처음으로 내 집 마련에 성공했다.", 400),
    LineRule("end_comments", "end", r"^[\[【<]?\s*(?:전체\s*)?댓글\s*(?:\d+\s*개?|쓰기|작성|보기|달기|목록|모음)?\s*[\]】>]?$|^(?:의견|Comments?|Leave a (?:comment|reply))\s*(?:\(?\d+\)?)?$",
             "댓글 쓰기", "댓글 쓰기가 활발해졌다는 분석이 나왔다."),
    LineRule("end_footer", "end",
             r"회사\s*소개|이용\s*약관|개인\s*정보\s*(?:처리|취급)\s*방침|청소년\s*보호\s*(?:정책|책임자)|사업자\s*등록\s*번호|발행\s*[·ㆍ]?\s*편집\s*인|등록\s*번호\s*[:：]|대표\s*전화|고객\s*센터\s*[:：]|편집\s*국장\s*[:：]",
             "회사소개 | 광고문의 | 개인정보처리방침 | 청소년보호정책", "회사를 소개하는 자리에서 대표는 말했다.", 300),
    LineRule("end_english_related", "end",
             r"^(?:Related(?:\s+(?:Articles?|Stories|Posts|News|Content|Coverage))?|Read\s+(?:More|Next|Also)|More\s+(?:from|on|Stories|News)\b.{0,30}|You\s+(?:may|might)\s+also\s+like|Recommended(?:\s+for\s+you)?|Most\s+(?:Read|Popular|Viewed)|Trending(?:\s+Now)?|Also\s+read|Sponsored\s+(?:Content|Stories))\s*:?$",
             "Related Articles", "Related articles were published by the agency on Monday."),
    LineRule("end_share_newsletter", "end", r"^(?:Share\s+this(?:\s+(?:article|story))?|Sign\s+up\s+for\s+(?:our|the)\s+\S+\s+newsletter.{0,40}|Subscribe\s+to\s+our\s+newsletter.{0,40})\s*[:.!]?$",
             "Share this:", "Share this with your friends, she told the reporters at the event."),
    # --- chrome: buttons, promos, ads, skip links ---
    LineRule("chrome_skip_link", "chrome", r"^(?:본문|메뉴|주요\s*메뉴)\s*(?:바로\s*가기|바로가기)$|^Skip\s+to\s+(?:main\s+)?content$",
             "본문 바로가기", "본문 바로가기 기능을 추가했다고 밝혔다."),
    LineRule("chrome_breadcrumb", "chrome", r"^(?:[^>›»\s][^>›»]{0,15}\s*[>›»]{1,2}\s*){1,5}[^>›»]{1,15}$", "홈 > IT·과학 > 모바일",
             "주가가 10% > 5% 수준으로 떨어졌다는 분석이 나왔다고 업계 관계자는 전했다."),
    LineRule("chrome_top_link", "chrome", r"^(?:Top|TOP|top|맨\s*위)\s*(?:으로|로)?\s*(?:이동|가기)?\s*[▲↑]?$", "Top으로 이동", "Top 10 기업이 발표됐다."),
    LineRule("chrome_promo", "chrome",
             r"^(?!.*[다요]\.[\"'”’]?\s*$)[▶☞►▷※*■]\s*.{0,80}(?:구독|바로\s*가기|다운\s*(?:로드|받기)|제보|클릭|채널\s*추가|친구\s*추가|앱\s|이벤트|무료|신청|알림|네이버\s*홈|유튜브|YouTube)",
             "▶ 네이버 홈에서 '연합뉴스' 구독하기 클릭!", "▶ 정부는 이날 대책을 발표하면서 신문 구독료 인하와 통신비 감면을 함께 검토하고 있다고 밝혔다.", 70),
    LineRule("chrome_broadcast_label", "chrome",
             r"^(?:[\[<【(]\s*|◀\s*)(?:앵커|리포트|기자|인터뷰|녹취|현장음|자막|앵커\s*멘트|기자\s*멘트|클로징|출연)\s*(?:[\]>】)]|▶)$|^(?:동영상|영상)\s*영역\s*(?:시작|끝)$|^[\[<]\s*(?:인터뷰|녹취|싱크|SYNC)\s*[:：].{1,40}[\]>]$",
             "◀ 리포트 ▶", "[앵커] 오늘 날씨는 맑겠습니다."),
    LineRule("chrome_editor_note", "chrome", r"^[\[【(<≪《]?\s*편집자\s*주\s*[\]】)>:≫》]", "[편집자주] 이 기사는 연재의 다섯 번째 편입니다.",
             "편집자 주변의 사람들이 모였다.", 800),
    LineRule("chrome_author_note", "chrome", r"^[\[(<*※]?\s*이\s*(?:글|기사|칼럼)[은는]\s*.{0,40}(?:게재|기고|실린|작성|실렸|번역|편집)\S{0,6}\s*(?:글|것)?입니다\.?\s*[\])>]?$",
             "이 글은 필자의 개인 블로그에 게재된 글입니다.", "이 글은 많은 사람들에게 감동을 준 글입니다."),
    LineRule("chrome_press_contact", "chrome", r"^(?![^\n]*[가-힣][.!?]\s*$)(?:담당\s*부서|문의처|보도\s*문의|문의\s*[:：])\s*.{0,150}\(?\d{2,3}[)\-]\s?\d{3,4}-\d{4}",
             "담당 부서 국방부 에너지환경과 책임자 과장 홍길동 (02-748-5770)", "문의 사항은 구청 복지정책과(02-2171-2345)로 하면 된다.", 250),
    LineRule("chrome_embargo", "chrome", r"^(?:보도\s*(?:시점|일시|가능\s*시점)|엠바고)\s*[:：]?\s*(?:\d{2,4}\s*[.\-/년]|즉시|배포\s*즉시)", "보도시점 2022. 11. 1.(화) 조간 (10. 31.(월) 12:00 이후 보도 가능)",
             "보도 시점을 두고 논란이 일었다고 그는 말했다.", 120),
    LineRule("chrome_attachment", "chrome", r"^\S.{0,100}\.(?:hwpx?|pdf|docx?|xlsx?|pptx?|zip)\s*(?:\(\s*[\d.,]+\s*[KMG]?B\s*\))?$", "221101(조간) 군 유류절약 대책(국방부).hwp",
             "자세한 내용은 첨부한 보고서.pdf를 참고하라고 했다.", 120),
    LineRule("chrome_paywall_promo", "chrome", r"^.{0,20}(?:유료\s*회원|정기\s*구독|구독\s*신청)\S{0,4}\s.{0,50}(?:보실\s*수\s*있습니다|신청하세요|구독하세요|가입하세요)\.?$",
             "법률신문 유료회원이 되시면 판결전문과 지난 기사 전체를 보실 수 있습니다", "넷플릭스의 유료 회원은 2억 명을 넘어서고 있습니다.", 90),
    LineRule("chrome_aired_note", "chrome", r"^이\s*(?:영상|기사|뉴스|리포트)[은는]\s*.{0,30}(?:방송|보도)(?:됐|되었)습니다\.?$",
             "이 영상은 MBN 뉴스8에서 방송됐습니다.", "이 영상은 많은 사람들의 관심을 받았습니다."),
    LineRule("chrome_tip_promo", "chrome", r"당신의\s*제보가\s*뉴스가?\s*됩니다|여러분의\s*(?:소중한\s*)?제보를\s*기다립니다|^[◆■▶]\s*제보하기", "※ '당신의 제보가 뉴스가 됩니다' YTN은 여러분의 소중한 제보를 기다립니다.",
             "그는 당신의 이야기가 뉴스가 된다고 말했다.", 250),
    LineRule("chrome_tip_line", "chrome", r"^(?:\S{0,12}\s*(?:기사\s*문의\s*및\s*)?제보\s*[:：]|제보는\s*(?:카카오톡|카톡)|기사\s*제보|뉴스\s*제보|\S*\s*제보하기).{0,40}$",
             "제보는 카카오톡 okjebo", "제보는 익명으로 처리됐다는 말이 나오면서 논란이 커졌다."),
    LineRule("chrome_ad_label", "chrome", r"^[\[(<]?\s*(?:광고|AD|Advertisement|ADVERTISEMENT|스폰서|Sponsored|협찬)\s*[\])>]?$",
             "ADVERTISEMENT", "광고 시장이 커졌다."),
    LineRule("chrome_font_size", "chrome", r"^(?:가\s*){2,}$|^(?:글자|글씨|폰트|본문\s*글씨)\s*(?:크기)?\s*(?:조절|설정|키우기|줄이기|변경|크게|작게)?(?:하기)?$",
             "가 가 가 가 가", "가나다 순으로 정렬했다."),
    # a font-size control's choices ('가장 작게 작게 보통 크게 가장 크게'), two or more in a row
    LineRule("chrome_font_choices", "chrome", r"^(?:(?:가장\s*)?(?:작게|크게|보통|기본|작은\s*글씨|큰\s*글씨|축소|확대)\s*[|/·]?\s*){2,}$",
             "가장 작게 작게 보통 크게 가장 크게", "크게 작게 흔들리던 주가는 보통 수준으로 돌아왔다."),
    # a page function's toast or notice ('기사 URL이 복사되었습니다.', '스크랩 되었습니다', '로그인이 필요합니다'):
    # a page object as subject, then a short passive/UI ending; a sentence about such an object goes on past it
    LineRule("chrome_interface_notice", "chrome",
             r"^[\[(※*]?\s*(?:[가-힣 ]{0,12}(?:려면|위해서는?)\s*)?(?:(?:이\s*)?(?:기사|서비스|콘텐츠)(?:의|는|은)?\s*)?"
             r"(?:로그인(?:이|을)?\s*(?:필요합니다|필요한\s*서비스입니다|해\s*주세요)"
             r"|(?:(?:URL|url|주소|링크|본문|기사|글자\s*크기|스크랩|북마크|즐겨찾기|구독|알림)(?:이|가|을|를|은|는)?\s*)?(?:클립보드에\s*)?"
             r"(?:복사|저장|스크랩|설정|변경|해제|추가|등록|취소)\s*(?:되었습니다|됐습니다|완료(?:되었습니다|됐습니다)?|되었어요|됐어요))\.?\s*[\])]?$",
             "기사 URL이 복사되었습니다.", "본사 주소가 변경되었습니다.", 50),
    LineRule("chrome_reaction_counts", "chrome", r"^(?:[가-힣A-Za-z]{2,8}\s*\d{1,7}\s*){2,}$", "좋아요 0 슬퍼요 0 화나요 0",
             "좋아요 3번 누른 사람은 100명이 넘는다."),
    LineRule("chrome_counter", "chrome", r"^(?:조회수?|조회\s*수|댓글|추천|공유|좋아요|응원)\s*[:：]?\s*[\d,]+\s*(?:회|개|명)?$", "조회 1,234",
             "조회 결과 1,234명이 응답했다."),
    LineRule("chrome_hashtags", "chrome", r"^(?:(?:태그|Tags?|키워드)\s*[:：]?\s*)?(?:#[^\s,#]+\s*,?\s*){2,}$", "태그:#하버드,#수면,#대학생", "#1 기업은 삼성전자다."),
    LineRule("chrome_reader_app", "chrome", r"^(?:\d+\s*(?:min|mins|minutes?)\s*read|\d+(?:\s*[–~-]\s*\d+)?\s*분(?:\s*(?:읽기|분량))?|View\s+Original|원문\s*보기|Saved\s+(?:on\s+)?\S.{0,30}|(?:www\.)?[a-z0-9\-]+(?:\.[a-z0-9\-]+)+)$",
             "5 min read", "5분 만에 읽을 수 있는 책이 나왔다는 소식이다."),
    LineRule("chrome_print_page_footer", "chrome", r"^https?://\S+\s+\d{1,2}/\d{1,2}$|^(?:19|20)\d{2}\.\s?\d{1,2}\.\s?\d{1,2}\.\s*(?:오전|오후)?\s*\d{1,2}:\d{2}\s+\S.{2,150}\s[|｜]\s*\S{2,12}$",
             "2021. 3. 7. 오후 8:52 \"정장은 기본\"…일본 직장문화 | 동아일보", "2021. 3. 7. 오후 8:52에 그는 | 기호를 입력했다고 말했다.", 220),
    LineRule("chrome_media_fallback", "chrome", r"^Your browser does not support the (?:audio|video)(?: element| tag)?\.?$|^(?:오디오|동영상)을? 재생할 수 없습니다\.?$",
             "Your browser does not support the audio element.", "Your browser history shows the pages you visited, she said."),
    LineRule("chrome_summary_notice", "chrome", r"요약(?:한|된)\s*(?:결과|내용)입니다|요약\s*기술의\s*특성상|전체\s*맥락을\s*(?:이해|파악)하기\s*위해(?:서는)?\s*.{0,12}본문.{0,12}권장",
             "기사 제목과 주요 문장을 기반으로 자동요약한 결과입니다.", "회의 결과를 요약하면 다음과 같다고 설명했다.", 200),
    LineRule("chrome_audio_player", "chrome", r"^(?:기사를?\s*)?(?:읽어\s*드립니다|음성으로\s*듣기|(?:본문|기사)\s*듣기|듣기\s*(?:중지|시작|정지|종료|설정)|AI\s*(?:음성|앵커)로?\s*듣기|번역\s*설정|요약\s*보기|본문\s*요약봇|텍스트\s*음성\s*변환).{0,20}$",
             "음성으로 듣기", "음성으로 듣기 기능을 쓰는 사람이 많아졌다는 조사 결과가 나왔다."),
)

# Dateline/byline prefixes at the start of a lead paragraph (or a caption, or a teaser of another story).
# Named groups: place, outlet, left (outlet or place on the left of '='), right (outlet, column or names), names, role.
_OPEN, _CLOSE = r"[\[(【<]", r"[\])】>]"


@dataclass(frozen=True)
class PrefixRule:
    """A dateline/byline pattern anchored at the start of a paragraph; the rest of the paragraph is the body."""

    name: str
    pattern: str
    example: str
    counter: str


LEAD_PREFIXES: tuple[PrefixRule, ...] = (
    # (서울=연합뉴스) 홍길동 기자 =  /  [광주=뉴스핌] 박재범 기자 =  /  【서울=뉴시스】  /  [엔터미디어=정덕현의 이슈공감]
    PrefixRule("dateline_outlet_byline",
               r"^" + _OPEN + r"\s*(?P<left>[^\s=\])】>\[(【<]{1,12}(?:\s[^\s=\])】>]{1,8})?)\s*=\s*(?P<right>[^\])】>=]{1,24}?)\s*" + _CLOSE
               + r"\s*(?:(?P<names>" + NAMES + r")\s*(?P<role>" + ROLE + r")\s*(?:=|:|│|\|)?\s*)?(?:=\s*)?",
               "(서울=연합뉴스) 홍길동 기자 = 정부가 1일 대책을 발표했다.", "(서울 시내에서) 1일 대책이 발표됐다."),
    # [매일경제 홍길동 기자]  /  [머니투데이 세종=홍길동 기자]  /  [스포츠서울 | 홍길동기자]  /  [더팩트ㅣ홍길동 기자]
    PrefixRule("outlet_byline_bracket",
               r"^" + _OPEN + r"\s*(?P<outlet>[가-힣A-Za-z0-9]{2,12})(?:\s*[|ㅣ│/]\s*|\s+)(?:(?P<place>[가-힣]{1,8})\s*=\s*)?(?P<names>" + NAMES + r")\s*(?P<role>" + ROLE + r")\s*" + _CLOSE + r"\s*",
               "[스포츠서울 | 홍길동기자] 삼성전자가 신제품을 내놨다.", "[매일경제] 삼성전자가 신제품을 내놨다."),
    # [파이낸셜뉴스]  /  [지디넷코리아]: an outlet name alone in brackets
    PrefixRule("outlet_only_bracket",
               r"^" + _OPEN + r"\s*(?P<outlet>[가-힣A-Za-z0-9 ]{0,12}(?:뉴스|일보|신문|경제|데일리|코리아|타임스|미디어|닷컴|투데이|뉴스24|TV)|[A-Za-z]{2,12}\s?(?:News|NEWS|Korea))\s*" + _CLOSE + r"\s*",
               "[파이낸셜뉴스] 삼성전자가 신제품을 내놨다.", "[단독] 삼성전자가 신제품을 내놨다."),
    # [인민망 한국어판 6월 9일]  /  [신화망 베이징 6월 9일]: outlet (and place) with the day, Chinese state media style
    PrefixRule("outlet_day_bracket", r"^[\[【]\s*(?P<outlet>[가-힣A-Za-z0-9]{2,8}(?:\s[가-힣]{2,6})?)\s+\d{1,2}월\s*\d{1,2}일\s*[\]】]\s*",
               "[인민망 한국어판 6월 9일] 중국 정부가 녹조를 제거했다.", "[6월 9일] 중국 정부가 녹조를 제거했다."),
    # 홍길동 기자 hong@x.com정부가 …: a scraper glued the byline and e-mail to the lead
    PrefixRule("byline_email_glued", r"^(?P<names>" + NAMES + r")\s*(?P<role>" + ROLE + r")\s+" + EMAIL + r"(?=[가-힣\"“(\[])",
               "홍길동 기자 hong@jnilbo.com미국산 쇠고기의 수입이 재개됐다.", "홍길동 기자는 hong@jnilbo.com 으로 제보를 받았다."),
    # 홍길동 기자 = 정부가 …
    PrefixRule("byline_equals", r"^(?P<names>" + NAMES + r")\s*(?P<role>" + ROLE + r")\s*=\s*",
               "홍길동 기자 = 정부가 1일 대책을 발표했다.", "홍길동 기자는 1일 대책을 물었다."),
)
# A broadcaster's sign-off sentence closing the last paragraph of a script: '… 첫번째 태풍이다. KBS 뉴스 홍길동입니다.'
TRAILING_SIGNOFF = r"(?<=[.!?\"'”’])\s+" + BROADCAST_SIGNOFF + r"$"
# A dateline/byline found inside a line (after a headline): a teaser of another story.
TEASER_BYLINE = (
    r"^[^.!?。]{2,80}?\S\s*" + _OPEN + r"\s*[^\s=\])】>]{1,12}\s*=\s*[^\])】>=]{1,16}" + _CLOSE + r"\s*" + NAMES + r"\s*" + ROLE + r"\s*="
)

# Photo-caption elements in HTML pages: removed before extraction and listed in Article.removed.
HTML_CAPTION_XPATH = (
    "//figcaption | //*[self::p or self::span or self::em or self::div or self::dd or self::td or self::strong]"
    "[contains(concat(' ', normalize-space(@class), ' '), ' img_desc ') or contains(@class, 'photo_desc')"
    " or contains(@class, 'thumb_txt') or contains(@class, 'img_caption') or contains(@class, 'image-caption')"
    " or contains(@class, 'photo-caption') or contains(@class, 'caption-text') or contains(@class, 'pic_caption')"
    " or contains(@class, 'art_caption') or contains(concat(' ', normalize-space(@class), ' '), ' caption ')]"
)
# Deck (subtitle) elements of Korean article pages: read when trafilatura's text holds no deck.
HTML_SUBTITLE_XPATH = (
    "//*[self::h2 or self::h3 or self::h4 or self::p or self::div or self::strong]"
    "[contains(@class, 'subtitle') or contains(@class, 'sub_title') or contains(@class, 'subtit') or contains(@class, 'sub-title')"
    " or contains(@class, 'article_summary')][not(.//div)]"
)
# Byline elements in Korean news HTML: read for reporter names when the body has no dateline or sign-off.
HTML_BYLINE_XPATH = (
    "//*[contains(@class, 'byline') or contains(@class, 'reporter') or contains(@class, 'writer')"
    " or contains(@class, 'journalist') or contains(@class, 'author')][not(self::meta)]"
)
