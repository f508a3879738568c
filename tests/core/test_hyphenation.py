"""Long Dutch words in our labels carry their own break points, so no browser splits them at
a random letter."""

from rondom.core.hyphenation import SOFT_HYPHEN, soft_hyphens


def test_long_words_break_between_syllables_and_short_ones_stay_whole():
    text = soft_hyphens("Levensgebeurtenissen en hulp")
    assert text.replace(SOFT_HYPHEN, "") == "Levensgebeurtenissen en hulp"
    assert text.split(" ")[1:] == ["en", "hulp"]
    assert "Le\u00advens" in text and "ge\u00adbeur" in text
    # Never in the middle of a syllable, as Chromium does without a dictionary.
    assert "gebeurtenisse\u00adn" not in text


def test_the_timeline_row_titles_carry_the_break_points(story, manager_client):
    case, child = story["case"], story["child"]
    page = manager_client.get(f"/cases/{case.pk}/children/{child.pk}/timeline/").content.decode()
    assert soft_hyphens("Levensgebeurtenissen") in page
