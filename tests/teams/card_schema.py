"""The Adaptive Card schema for the elements copbot sends, with Teams' card charts.

Written from the published definitions, element by element, for the properties copbot uses
(unknown properties of a chart are refused, so a misspelt one fails here rather than being
ignored by Teams):
- AdaptiveCard, TextBlock, FactSet, Input.Text, Input.ChoiceSet, Action.Submit:
  http://adaptivecards.io/schemas/adaptive-card.json (version 1.5)
- Chart.Line, Chart.VerticalBar, Chart.VerticalBar.Grouped, Chart.HorizontalBar, Chart.Donut
  and their ``fallback``: MicrosoftDocs/msteams-docs,
  msteams-platform/task-modules-and-cards/cards/charts-in-adaptive-cards.md
  (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/charts-in-adaptive-cards)
"""

from __future__ import annotations

from typing import Any

from jsonschema import Draft202012Validator

SPACING = ["None", "ExtraSmall", "Small", "Default", "Medium", "Large", "ExtraLarge", "Padding"]
COMMON = {
    "id": {"type": "string"},
    "spacing": {"enum": SPACING},
    "separator": {"type": "boolean"},
    "isVisible": {"type": "boolean"},
    "height": {"enum": ["auto", "stretch"]},
    "horizontalAlignment": {"enum": ["Left", "Center", "Right"]},
}


def _element(type_: str, properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {"type": {"const": type_}, **COMMON, **properties},
        "required": ["type", *required],
    }


def _chart(type_: str, data: dict[str, Any]) -> dict[str, Any]:
    schema = _element(
        type_,
        {
            "title": {"type": "string"},
            "xAxisTitle": {"type": "string"},
            "yAxisTitle": {"type": "string"},
            "colorSet": {"type": "string"},
            "color": {"type": "string"},
            "data": {"type": "array", "items": data},
            "fallback": {"oneOf": [{"$ref": "#/$defs/element"}, {"const": "drop"}]},
        },
        ["data"],
    )
    schema["additionalProperties"] = False
    return schema


XY = {
    "type": "object",
    "properties": {"x": {"type": ["string", "number"]}, "y": {"type": "number"}},
    "required": ["x", "y"],
    "additionalProperties": False,
}
SERIES = {
    "type": "object",
    "properties": {
        "legend": {"type": "string"},
        "values": {"type": "array", "items": XY},
        "color": {"type": "string"},
    },
    "required": ["legend", "values"],
    "additionalProperties": False,
}
SLICE = {
    "type": "object",
    "properties": {
        "legend": {"type": "string"},
        "value": {"type": "number"},
        "color": {"type": "string"},
    },
    "required": ["legend", "value"],
    "additionalProperties": False,
}
TEXT_SIZES = ["Default", "Small", "Medium", "Large", "ExtraLarge"]
ELEMENTS = {
    "TextBlock": _element(
        "TextBlock",
        {
            "text": {"type": "string"},
            "wrap": {"type": "boolean"},
            "size": {"enum": TEXT_SIZES},
            "weight": {"enum": ["Default", "Lighter", "Bolder"]},
            "font": {"enum": ["Default", "Monospace"]},
            "color": {
                "enum": ["Default", "Dark", "Light", "Accent", "Good", "Warning", "Attention"]
            },
            "isSubtle": {"type": "boolean"},
        },
        ["text"],
    ),
    "FactSet": _element(
        "FactSet",
        {
            "facts": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"title": {"type": "string"}, "value": {"type": "string"}},
                    "required": ["title", "value"],
                },
            }
        },
        ["facts"],
    ),
    "Input.Text": _element("Input.Text", {}, ["id"]),
    "Input.ChoiceSet": _element("Input.ChoiceSet", {"choices": {"type": "array"}}, ["id"]),
    "Chart.Line": _chart("Chart.Line", SERIES),
    "Chart.VerticalBar": _chart("Chart.VerticalBar", XY),
    "Chart.VerticalBar.Grouped": _chart("Chart.VerticalBar.Grouped", SERIES),
    "Chart.HorizontalBar": _chart("Chart.HorizontalBar", XY),
    "Chart.Donut": _chart("Chart.Donut", SLICE),
}
SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "type": {"const": "AdaptiveCard"},
        "version": {"enum": ["1.0", "1.1", "1.2", "1.3", "1.4", "1.5"]},
        "body": {"type": "array", "items": {"$ref": "#/$defs/element"}},
        "actions": {"type": "array", "items": {"type": "object", "required": ["type"]}},
        "fallbackText": {"type": "string"},
    },
    "required": ["type", "version", "body"],
    "$defs": {
        "element": {
            "type": "object",
            "required": ["type"],
            "properties": {"type": {"enum": sorted(ELEMENTS)}},
            "allOf": [
                {"if": {"properties": {"type": {"const": name}}}, "then": schema}
                for name, schema in ELEMENTS.items()
            ],
        }
    },
}


def card_errors(card: dict[str, Any]) -> list[str]:
    """Every way ``card`` breaks the schema, as readable lines (empty: valid)."""
    validator = Draft202012Validator(SCHEMA)
    return [
        f"{'/'.join(str(p) for p in e.absolute_path)}: {e.message}"
        for e in validator.iter_errors(card)
    ]
