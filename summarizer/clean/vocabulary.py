"""Word tables of the cleaner: Korean outlets (names, spellings, domains), portals, surnames, words that are never
personal names, menu/button words and section names. Patterns built from them live in rules.py."""

from __future__ import annotations

# Korean news outlets: canonical name, other spellings, web domains.
OUTLETS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("연합뉴스", ("Yonhap", "연합"), ("yna.co.kr", "yonhapnews.co.kr")),
    ("연합뉴스TV", (), ("yonhapnewstv.co.kr",)),
    ("뉴시스", ("NEWSIS", "Newsis"), ("newsis.com",)),
    ("뉴스1", ("News1", "뉴스원"), ("news1.kr",)),
    ("뉴스핌", ("Newspim", "NEWSPIM"), ("newspim.com",)),
    ("조선일보", ("조선닷컴", "chosun.com"), ("chosun.com",)),
    ("중앙일보", ("JoongAng", "joongang.co.kr"), ("joongang.co.kr", "joins.com")),
    ("동아일보", ("donga.com", "동아닷컴"), ("donga.com",)),
    ("한겨레", ("한겨레신문", "한겨레신문사", "hani.co.kr"), ("hani.co.kr",)),
    ("경향신문", ("경향", "khan.co.kr"), ("khan.co.kr",)),
    ("한국일보", ("hankookilbo.com",), ("hankookilbo.com",)),
    ("매일경제", ("매경", "mk.co.kr"), ("mk.co.kr",)),
    ("한국경제", ("한경", "hankyung.com"), ("hankyung.com",)),
    ("서울경제", ("sedaily.com",), ("sedaily.com",)),
    ("머니투데이", ("머니투데이방송",), ("mt.co.kr",)),
    ("이데일리", ("edaily",), ("edaily.co.kr",)),
    ("아시아경제", ("asiae.co.kr",), ("asiae.co.kr",)),
    ("헤럴드경제", ("헤럴드", "heraldcorp.com"), ("heraldcorp.com",)),
    ("파이낸셜뉴스", ("fnnews.com",), ("fnnews.com",)),
    ("전자신문", ("etnews.com", "etnews"), ("etnews.com",)),
    ("지디넷코리아", ("ZDNet Korea", "zdnet.co.kr"), ("zdnet.co.kr",)),
    ("디지털타임스", ("dt.co.kr",), ("dt.co.kr",)),
    ("아이뉴스24", ("inews24",), ("inews24.com",)),
    ("서울신문", ("seoul.co.kr",), ("seoul.co.kr",)),
    ("국민일보", ("kmib.co.kr",), ("kmib.co.kr",)),
    ("세계일보", ("segye.com",), ("segye.com",)),
    ("문화일보", ("munhwa.com",), ("munhwa.com",)),
    ("노컷뉴스", ("CBS노컷뉴스",), ("nocutnews.co.kr",)),
    ("오마이뉴스", (), ("ohmynews.com",)),
    ("KBS", ("KBS 뉴스",), ("kbs.co.kr",)),
    ("MBC", ("MBC 뉴스",), ("imbc.com",)),
    ("SBS", ("SBS 뉴스",), ("sbs.co.kr",)),
    ("YTN", (), ("ytn.co.kr",)),
    ("JTBC", (), ("jtbc.co.kr", "jtbc.joins.com")),
    ("엔터미디어", ("Entermedia",), ("entermedia.co.kr",)),
    ("네이버 뉴스", ("네이버뉴스",), ("news.naver.com", "n.news.naver.com")),
    ("다음뉴스", ("다음 뉴스",), ("v.daum.net", "news.v.daum.net")),
)
# Common Korean surnames: a bare three-syllable line next to a timestamp that starts with one is the byline ('오지예').
SURNAMES = frozenset(
    "김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 유 전 홍 고 문 양 손 배 백 허 남 심 노 하 곽 성 차 주 우 구 민 진 나 지 "
    "엄 변 채 원 천 방 공 현 함 염 여 추 도 소 석 선 설 마 길 연 위 표 명 기 반 왕 금 옥 육 인 맹 제 모 탁 국 어 은 편 용 예 경 봉".split()
)
COMPOUND_SURNAMES = ("남궁", "제갈", "선우", "황보", "독고", "사공", "서문", "동방")
# News portals that host other outlets' articles: never the article's own outlet when a real one is named.
PORTALS = frozenset({"네이버 뉴스", "다음뉴스"})
# Words that end organisation names, never personal names (filters "매일경제 홍길동 기자" → 홍길동).
NON_NAME_SUFFIXES = ("뉴스", "일보", "신문", "경제", "방송", "닷컴", "데일리", "타임스", "미디어", "코리아", "투데이", "조선", "기사", "기자", "부", "팀", "국", "센터", "본부", "실")
NON_NAMES = frozenset(
    "사진 글 영상 취재 정리 그래픽 디자인 편집 인턴 수습 객원 선임 전문 온라인 디지털 기사 기자 특파원 외교 경제 정치 사회 산업 "
    "국제 문화 과학 스포츠 연예 금융 증권 부동산 사설 칼럼 제공 자료 출처 서울 부산 광주 대전 대구 인천 울산 세종 제주 "
    "페이지 프로필 구독 정보 소개 목록 네이버 다음 카카오 구글 사진부 회견 회견장 간담회 기자명 다른기사 기사보기 작성자".split()
)

# Menu words and buttons: a line made only of these (and counts) is page chrome.
CHROME_WORDS = frozenset(
    """
    본문 바로가기 메뉴 주메뉴 전체메뉴 전체 검색 검색창 로그인 로그아웃 회원가입 마이페이지 구독 구독하기 구독중 구독자 구독신청
    공유 공유하기 인쇄 인쇄하기 프린트 스크랩 저장 북마크 좋아요 싫어요 추천 추천하기 추천수 응원 응원하기 응원수 댓글 댓글수
    더보기 이전 다음 목록 닫기 열기 확대 축소 크게 작게 가 가가 글자 글자크기 글씨 글씨크기 폰트 크기 조절 조절하기 크기변경
    페이스북 트위터 카카오톡 카카오스토리 카카오 밴드 네이버 네이버블로그 블로그 라인 텔레그램 이메일 메일 URL 링크 링크복사
    URL복사 복사 주소복사 기사원문 원문 요약 요약보기 요약봇 본문요약봇 음성 듣기 음성으로 기사듣기 번역 설정 번역설정
    TOP Top 맨위로 위로 홈 HOME 속보 최신뉴스 최신기사 전체기사 많이본뉴스 랭킹 이슈 포토 영상 동영상 오디오 사진 이미지 사진확대
    광고 AD ad 쇼핑 PICK SNS 보내기 공유하기 저장하기 기자 프로필 기자페이지 구독설정 알림 알림받기 알림설정 설정 공감 공감하기 후속기사 원해요 쏠쏠정보
    흥미진진 공감백배 분석탁월 후속강추 화나요 슬퍼요 훈훈해요 감동이에요 놀랐어요 기사 추천해요 좋아요 팬 스크롤 주요
    언론사 메일보내기 기자구독 핵심요약 조정 조정하기 변경 복사하기 줄이기 키우기 기사보내기 스크랩하기 프린트하기 관련사진보기 사진보기 통합검색 후원 후원하기
    facebook twitter kakao share print email more Share Tweet Email Print Facebook Twitter LinkedIn Reddit WhatsApp
    """.split()
)
# Section and region names that make up navigation rows ("전국 광주·전남", "정치 경제 사회 국제").
SECTION_WORDS = frozenset(
    """
    뉴스 정치 경제 사회 국제 세계 문화 연예 스포츠 IT 과학 IT/과학 IT·과학 오피니언 사설 칼럼 전국 지역 생활 라이프 라이프스타일
    부동산 증권 금융 산업 기업 재계 유통 국방 북한 통일 외교 교육 건강 의료 여행 날씨 기획 인물 부고 피플 비즈 테크 게임
    자동차 헬스 푸드 패션 뷰티 책 공연 전시 방송 영화 음악 해외 글로벌 마켓 투자 재테크 ESG 경제일반 사회일반 정치일반
    서울 부산 대구 인천 광주 대전 울산 세종 경기 강원 충북 충남 전북 전남 경북 경남 제주 수도권 영남 호남 충청
    광주·전남 대구·경북 부산·경남 대전·충남 GAM 글로벌 World Business Politics Sports Tech Science Opinion News Home
    야구 축구 농구 배구 골프 e스포츠 해외야구 해외축구 스포츠일반 연재 팩트체크 포럼 리포트 방송통신 통신 전자 SW 모빌리티 소비자
    젠더 연예가 TV 북스 사는이야기 책동네
    국제일반 미국 중국 일본 유럽 아시아 태평양 아프리카 중동 중남미 북미 미주
    """.split()
)
