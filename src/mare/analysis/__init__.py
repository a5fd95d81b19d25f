"""Analysis over the held data: links between entities and the groups they form."""
