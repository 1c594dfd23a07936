from storyline.places.names import keys, name_key, without_article


def test_transliterations_of_daraa_share_one_key() -> None:
    spellings = ["Daraa", "Dar'a", "Dar‘ā", "DARAA", "Dara", "Dar`a", "Darʿā"]
    assert {name_key(s) for s in spellings} == {"dara"}


def test_hyphens_and_case_do_not_matter() -> None:
    assert name_key("Daraa al-Balad") == name_key("DARAA AL BALAD") == "dara al balad"


def test_arabic_article_is_a_second_key() -> None:
    assert keys("al-Karak") == ["al karak", "karak"]
    assert keys("Ash-Shaykh Maskin") == ["ash shaykh maskin", "shaykh maskin"]
    assert without_article("al ab") is None  # too short to be a name after the article
    assert without_article("alabama") is None


def test_arabic_script_names_get_keys_as_writers_vary() -> None:
    assert keys("درعا") == ["درعا"]
    # vowel marks, hamza on alif, tā' marbūṭa and alif maqṣūra are written either way
    assert keys("حَماة") == keys("حماه")
    assert keys("إدلب") == keys("ادلب")
    assert keys("الرقة") == ["الرقه", "رقه"]  # the article is a second key
    assert keys("درعا 2") == []  # not all Arabic letters


def test_other_scripts_get_no_key() -> None:
    assert keys("Дараа") == []
