"""The county filing desk (县级备案台): an archive of every unit's filed records, the county's
trust registry of unit certificates, receipt of packages and supervision signals.

A township installation never uses this package; it is the same program in the county's role,
on its own database (an archive, not a meeting log). See DESIGN.md, "The county side".
"""
