"""News wording: names with an article ("the US") read as English in headlines, readings and
revelations."""

from __future__ import annotations

from wargame.engine.news import act_words, news_items, possessive, revelations
from wargame.engine.state import Order
from wargame.game import Game


def test_a_name_with_an_article_reads_the_us_and_opens_a_headline_as_the_us() -> None:
    game = Game.new("korea-2022", seed=1)
    rules = game.rules
    assert rules.actor_by_id["USA"].in_text == "the US"
    assert rules.actor_by_id["DPRK"].in_text == "North Korea"
    headline, _ = act_words(rules, "DPRK", "USA", "missile_test")
    assert "warning to the US" in headline
    headline, _ = act_words(rules, "USA", "DPRK", "combined_drill")
    assert headline.startswith("The US ")


def test_no_news_text_says_against_us_or_opens_in_lower_case() -> None:
    """Over whole games of every actor's acts, no template leaves a bare "US" after a preposition,
    and every headline and reading starts with a capital."""
    for seed in range(6):
        game = Game.new("korea-2022", seed=seed, humans=["USA"], rounds=8)
        while not game.is_over:
            game.play_round({"USA": Order("combined_drill", "DPRK")})
        for res in game.results:
            for item in news_items(game.rules, res):
                texts = [item.headline, item.frame, *(r.text for r in item.readings)]
                for text in texts:
                    assert text[:1] == text[:1].upper(), text
                    for prep in ("against US", "to US", "of US", "with US", "by US"):
                        assert prep not in text, text


def test_revelations_use_the_possessive_and_the_right_preposition_for_days() -> None:
    assert possessive("the United States") == "the United States'"
    assert possessive("North Korea") == "North Korea's"
    game = Game.new("cuba-1962", seed=1, mode="stochastic", rounds=12)  # a seed with misreadings
    while not game.is_over:
        game.play_round()
    texts = [r.text for r in revelations(game.rules, game.results, game.round + 10)]
    assert texts, "noise should cause at least one misreading in 12 days"
    for text in texts:
        assert text.startswith("It later emerged that on day "), text
        assert "States's" not in text
