"""Vietnamese wording of schema errors: field path, what was expected, what was found."""

import difflib

from pydantic import BaseModel, ValidationError

from .sources import Parsed, Problem


def field_path(loc: tuple) -> str:
    """nhiem_vu[2].chu_tri: list positions counted from 1, as editors count."""
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (("." if out else "") + str(part))
    return out


def _aliases(model: type[BaseModel], loc: tuple) -> list[str]:
    # The keys allowed where an unknown key was written, to suggest the nearest.
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = next((f for f in model.model_fields.values() if f.alias == part), None)
        inner = getattr(field, "annotation", None)
        args = getattr(inner, "__args__", ()) or (inner,)
        model = next((a for a in args if isinstance(a, type) and issubclass(a, BaseModel)), None)
        if model is None:
            return []
    return [f.alias or n for n, f in model.model_fields.items()]


def _found(value) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "…'"


def describe(err: dict, model: type[BaseModel]) -> str:
    """One error of pydantic as a Vietnamese sentence."""
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    if kind == "missing":
        return "thiếu trường bắt buộc (nếu văn bản không ghi, đặt null và thêm ghi chú biên tập)"
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(str(err["loc"][-1]), _aliases(model, err["loc"]), n=1)
        hint = f"; có phải '{close[0]}'?" if close else ""
        return f"trường không có trong mẫu{hint}"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    if kind == "literal_error":
        return f"cần một trong các giá trị {str(ctx.get('expected')).replace(' or ', ', ')}, nhận được {_found(value)}"
    if kind == "string_pattern_mismatch":
        return f"cần mã chỉ gồm chữ thường không dấu, số và dấu '-' (ví dụ 'so-noi-vu-ha-tinh'), nhận được {_found(value)}"
    if kind == "string_too_short":
        return "không được để trống"
    if kind in ("string_type", "str_type"):
        return f"cần một chuỗi chữ, nhận được {_found(value)}"
    if kind == "list_type":
        return f"cần một danh sách (mỗi phần tử một dòng bắt đầu bằng '- '), nhận được {_found(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"cần một nhóm 'trường: giá trị', nhận được {_found(value)}"
    return f"giá trị không hợp lệ ({err['msg']}), nhận được {_found(value)}"


def schema_problems(exc: ValidationError, model: type[BaseModel], parsed: Parsed, path: str,
                    prefix: tuple = ()) -> list[Problem]:
    """All schema errors of one record, each with its line."""
    out = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        # Union members add their type name to the location; drop it.
        loc = tuple(p for p in loc if not (isinstance(p, str) and p[:1].isupper()) and p not in ("str", "date"))
        out.append(Problem(path, parsed.line(prefix + loc), f"trường '{field_path(loc)}': {describe(err, model)}"))
    return out
