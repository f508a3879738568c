"""The titles of the demo cases. What they hold is in cases.toml, read by builder.py."""

PAPER_CASE = "Familie El Amrani"
SPLIT_VIEWS_CASE = "Familie de Vries"
HOME_SITTER_CASE = "Familie Öztürk"
ANONYMOUS_CASE = "Casus Zonnebloem"
DEMO_CASES = (PAPER_CASE, SPLIT_VIEWS_CASE, HOME_SITTER_CASE, ANONYMOUS_CASE)
