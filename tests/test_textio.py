import pytest

from summarizer.errors import DecodeError, EmptyInputError, InputError, InputTooLargeError
from summarizer.textio import decode_bytes, hangul_ratio, is_korean, read_input

KOREAN = "광주광역시는 인공지능 중심도시 비전을 선포했다."


@pytest.mark.parametrize("encoding", ["utf-8", "cp949", "euc-kr"])
def test_decodes_korean_encodings(encoding):
    assert decode_bytes(KOREAN.encode(encoding)) == KOREAN


def test_declared_charset_wins_and_bom_is_dropped():
    assert decode_bytes(KOREAN.encode("euc-kr"), declared="EUC-KR") == KOREAN
    assert decode_bytes(("\ufeff" + KOREAN).encode()) == KOREAN


@pytest.mark.parametrize("data,error", [(b"", EmptyInputError), (b" \n\t", EmptyInputError), (b"\x00\x01\x02abc", DecodeError), (b"\xff\xfe\xff\xfe\x81", DecodeError)])
def test_bad_bytes(data, error):
    with pytest.raises(error):
        decode_bytes(data)


def test_read_input_limits(tmp_path):
    big = tmp_path / "big.html"
    big.write_bytes(b"a" * 2048)
    with pytest.raises(InputTooLargeError):
        read_input(big, max_bytes=1024)
    with pytest.raises(InputError, match="not found"):
        read_input(tmp_path / "missing")


def test_hangul_ratio():
    assert hangul_ratio("") == 0.0
    assert is_korean(KOREAN + " AI LG SKT KT")
    assert not is_korean("Seoul stocks rose 3% on Monday.")


def test_a_symlink_loop_or_dangling_link_is_named_as_such(tmp_path):
    # Found by a user test: a symlink loop was reported as "file not found".
    loop, dangling = tmp_path / "loop", tmp_path / "dangling"
    loop.symlink_to(loop.name)
    dangling.symlink_to("nowhere.html")
    with pytest.raises(InputError, match="is a symbolic link loop"):
        read_input(loop)
    with pytest.raises(InputError, match="is a broken symbolic link"):
        read_input(dangling)
    with pytest.raises(InputError, match="file not found"):
        read_input(tmp_path / "missing.html")
