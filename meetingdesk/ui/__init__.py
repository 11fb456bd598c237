"""The PySide6 interface: windows and dialogs built from forms/*.ui. No SQL and no rule logic
here: every action is a Desk call, and every refusal comes from the domain or the store."""
