"""The sections of `summarizer eval clean`, apart from the evaluation itself so the CLI can name them without
importing the cleaner (every CLI start, `--help` included, reads this)."""

SECTIONS = ("seed", "scrapinghub", "readability", "korean", "fixtures", "speed")
