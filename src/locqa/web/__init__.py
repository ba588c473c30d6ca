"""``locqa review --web``: the review in a local browser page (:mod:`.serve` starts it,
:mod:`.app` answers HTTP, :mod:`.board` holds the entries and carries out the decisions
with the terminal review's session)."""
