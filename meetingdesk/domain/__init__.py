"""The rules core: pure Python, no Qt, no SQLAlchemy. Every rule of DOMAIN.md lives here."""

from .agenda import Candidate, Classification, ItemSpec, check_item, classify, parse_amount
from .chain import GENESIS_HASH, ChainBreak, Event, canonical_json, seal, verify_chain
from .errors import DomainError
from .meeting import Meeting
from .numbering import check_number, gaps, meeting_title, next_number, number_ranges
from .roster import Member, check_new_chief, check_portfolio, check_team
from .rules import RuleSet
from .state import Command, ItemState, Quorum, Step, parse_time
from .timekeeping import DOUBTS, ClockSet, clock_doubt

__all__ = [
    "Candidate", "ChainBreak", "Classification", "ClockSet", "Command", "DOUBTS", "DomainError",
    "Event", "GENESIS_HASH", "ItemSpec", "ItemState", "Meeting", "Member", "Quorum", "RuleSet",
    "Step", "canonical_json", "check_item", "check_new_chief", "check_portfolio", "check_team",
    "check_number", "classify", "clock_doubt", "gaps", "meeting_title", "next_number",
    "number_ranges", "parse_amount",
    "parse_time", "seal", "verify_chain",
]
