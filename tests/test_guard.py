from summarizer.engines.base import Generation
from summarizer.guard import degenerate_reason, repeated_ngram


def gen(text, stopped=True):
    return Generation(text=text, num_tokens=len(text.split()), stopped=stopped)


def test_detects_phrase_loops():
    assert repeated_ngram("He said that the city of the city of the city of the city") == "the city of"
    assert repeated_ngram("AI AI AI AI hub") == "ai"


def test_leaves_normal_text_alone():
    assert repeated_ngram("The very, very good news: prices rose, rose again... and fell.") is None
    assert repeated_ngram("LG Electronics, LG Uplus, SKT and KT signed the MOU.") is None
    assert repeated_ngram("... ... ... ...") is None


def test_runaway_length_and_unfinished_output():
    source = "광주시는 비전을 선포했다."
    assert degenerate_reason(source, gen("Gwangju declared its vision.")) is None
    long_but_varied = " ".join(f"word{i}" for i in range(60))
    assert "characters long" in degenerate_reason(source, gen(long_but_varied))
    assert degenerate_reason(source, gen("Gwangju declared", stopped=False)) == "did not finish within the length budget"
    assert degenerate_reason(source, gen("Gwangju declared", stopped=None)) is None
