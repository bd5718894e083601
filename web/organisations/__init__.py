"""Organisations (财政局 and budget departments) and the people who work in them."""
