"""The county filing desk's window and its tabs (县级备案台)."""
