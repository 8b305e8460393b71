"""Overviews above the slices: ``status``, the member's home and the programme, composed from
what every slice declares or offers through its service functions. No slice imports them."""
