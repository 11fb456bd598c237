"""The record: the minutes model, the filed PDF, and its digital signature."""
