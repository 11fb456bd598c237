"""After the last item: closing, signatures, corrections (R12) and filing."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .errors import DomainError
from .state import Signature, Correction
from .text import clean_text
from .words import SIGNER_ROLES


MAX_STROKES = 400
MAX_POINTS = 20000


class Closing:
    """The closed record: signatures, corrections, filing; mixed into Meeting."""

    def _check_meeting_closed(self, member_id: int | None, p: dict[str, Any], at: datetime):
        self._in_session()
        if self.open_item is not None:
            raise DomainError("ANOTHER_ITEM_OPEN", item_no=self.open_item)
        unfinished = [str(n) for n, it in self.items.items() if not it.finished]
        if unfinished:
            raise DomainError("ITEMS_UNFINISHED", items="、".join(unfinished))
        return None, {}

    def _apply_meeting_closed(self, member_id: int | None, p: dict[str, Any], at: datetime):
        self.phase = "closed"
        self.closed_at = at

    def _check_signature(self, member_id: int | None, p: dict[str, Any], at: datetime):
        if self.phase != "closed":
            raise DomainError("NOT_CLOSED", action="签名", action_en="sign")
        role = p.get("role")
        if role not in SIGNER_ROLES:
            raise DomainError("BAD_VALUE", field="签名身份", field_en="signer role", value=str(role)[:20])
        if member_id is not None:
            self._member(member_id)
        strokes = p.get("strokes") or []
        if not isinstance(strokes, list) or len(strokes) > MAX_STROKES:
            raise DomainError("BAD_VALUE", field="笔迹", field_en="strokes", value="过多 / too many")
        clean: list[list[list[float]]] = []
        total = 0
        for stroke in strokes:
            if not isinstance(stroke, list):
                raise DomainError("BAD_VALUE", field="笔迹", field_en="strokes", value="格式 / format")
            points = []
            for pt in stroke:
                ok = (isinstance(pt, (list, tuple)) and len(pt) == 2
                      and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                              and 0 <= v <= 1 for v in pt))
                if not ok:
                    raise DomainError("BAD_VALUE", field="笔迹坐标", field_en="stroke point",
                                      value=str(pt)[:30])
                points.append([round(float(pt[0]), 4), round(float(pt[1]), 4)])
            total += len(points)
            clean.append(points)
        if total > MAX_POINTS:
            raise DomainError("BAD_VALUE", field="笔迹", field_en="strokes", value="过多 / too many")
        return member_id, {"role": role, "name": clean_text(p.get("name"), "签名人", "signer", 50),
                           "strokes": clean}

    def _apply_signature(self, member_id: int | None, p: dict[str, Any], at: datetime):
        self.signatures.append(Signature(
            self.seq, at, p["role"], p["name"], member_id,
            tuple(tuple((x, y) for x, y in stroke) for stroke in p["strokes"])))

    def _check_correction(self, member_id: int | None, p: dict[str, Any], at: datetime):
        if self.phase != "closed":
            raise DomainError("NOT_CLOSED", action="更正", action_en="add a correction")
        ref = p.get("refers_to_seq")
        if ref is not None and (isinstance(ref, bool) or not isinstance(ref, int)
                                or not 1 <= ref <= self.seq):
            raise DomainError("BAD_VALUE", field="所更正的记录", field_en="corrected entry", value=ref)
        return member_id, {
            "author": clean_text(p.get("author"), "更正人", "author", 50),
            "reason": self._reason(p.get("reason"), "更正理由", "the reason for the correction"),
            "text": self._text(p.get("text"), "更正内容", "the correction"),
            "refers_to_seq": ref}

    def _apply_correction(self, member_id: int | None, p: dict[str, Any], at: datetime):
        self.corrections.append(Correction(self.seq, at, p["author"], p["reason"], p["text"],
                                           p["refers_to_seq"]))
        # R12: a correction voids the signatures given so far; they must be collected again.
        self.voided_signatures.extend(self.signatures)
        self.signatures = []
        self.filed = False

    def _check_filed(self, member_id: int | None, p: dict[str, Any], at: datetime):
        if self.phase != "closed":
            raise DomainError("NOT_CLOSED", action="备案", action_en="file the record")
        if self.filed:
            raise DomainError("ALREADY_FILED")
        return None, {"note": self._text(p.get("note"), "备注", "note", required=False)}

    def _apply_filed(self, member_id: int | None, p: dict[str, Any], at: datetime):
        self.filed = True

