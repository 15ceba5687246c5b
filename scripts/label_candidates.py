#!/usr/bin/env python3
"""List candidate lines for hand-labelling number fidelity (generous, stdlib only).

A line is a candidate when the Korean source or either MT output contains a quantity:
a digit, a Korean numeral/counter form, or an English number word / ordinal / date word.
Usage: python3 scripts/label_candidates.py [--show] > candidates.txt
"""
import re
import sys

D = "/work/shared/data/mt"
KO = f"{D}/ntrex128_kor_eng/newstest2019-ref.kor.txt"
MT = {
    "opus-mt-tc-big-ko-en": f"{D}/opus-mt-outputs/opus-mt-tc-big-ko-en.ntrex128.output",
    "opus-mt-ko-en": f"{D}/opus-mt-outputs/opus-mt-ko-en.ntrex128.output",
}

DIGIT = re.compile(r"[0-9０-９]")
KO_NUM = re.compile(
    r"(한|두|세|네|다섯|여섯|일곱|여덟|아홉|열|스무|스물|서른|마흔|쉰|예순|일흔|여든|아흔|몇|수|여러)\s?"
    r"(명|개|번|차례|살|세|시간|시|분|초|일|주|달|개월|년|해|배|가지|곳|척|대|마리|권|잔|채|쪽|층|위|등|점|골|표|건|회|편|벌)"
    r"|하나|둘째|셋째|넷째|첫째|첫\s?번째|첫\s|두\s?번째|세\s?번째|번째|절반|반세기|수십|수백|수천|수만|[십백천만억조]\s?(명|원|달러|파운드|유로|개|년|건|톤|마리|가구|km|킬로|미터|배)|백만|천만|수억|수조"
    r"|일곱|여덟|아홉|다섯|여섯|스물|서른|마흔|쉰|예순|일흔|여든|아흔|퍼센트|세기|분기|하루|이틀|사흘|나흘|닷새|엿새|이레|열흘|보름|일주일"
    r"|오전|오후|정오|자정|월요일|화요일|수요일|목요일|금요일|토요일|일요일"
    # relative dates and periods (dates count as quantities)
    r"|며칠|작년|올해|지난해|내년|금년|이듬해|어제|내일|지난\s?(주|달|시즌|며칠|봄|여름|가을|겨울)|이번\s?(주|달|여름)|다음\s?(주|달)|이달|매일|매주|매달|매년|매분|매시간"
    # bare determiners two/three/four before a noun, and 'both'
    r"|(^|\s)(두|세|네)\s|둘\s?다|양\s?(국|편|측)"
)
EN_NUM = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|"
    r"millions?|billions?|trillions?|dozens?|score|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
    r"tenth|twelfth|twentieth|half|quarter|third|decades?|century|centuries|once|twice|thrice|double|"
    r"triple|percent|pair|couple|a\.m|p\.m|noon|midnight|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|january|february|march|april|june|july|august|september|october|november|"
    r"december|yesterday|tomorrow|weekly|annual|yearly|"
    r"(last|this|next|every)\s(year|week|month|season|spring|summer|autumn|fall|winter|day|minute|hour)|earlier\sthis)\b",
    re.I,
)


def read(p):
    with open(p, encoding="utf-8") as f:
        return f.read().split("\n")[:1997]


def main():
    ko = read(KO)
    mts = {m: read(p) for m, p in MT.items()}
    show = "--show" in sys.argv
    n = 0
    for i, k in enumerate(ko):
        texts = [k] + [mts[m][i] for m in MT]
        hit = bool(DIGIT.search(" ".join(texts)) or KO_NUM.search(k)
                   or any(EN_NUM.search(t) for t in texts[1:]))
        if hit:
            n += 1
            if show:
                print(f"=== {i+1}\nKO: {k}")
                for m in MT:
                    print(f"{'TC' if 'tc-big' in m else 'OM'}: {mts[m][i]}")
            else:
                print(i + 1)
    print(f"# {n} candidate lines", file=sys.stderr)


if __name__ == "__main__":
    main()
