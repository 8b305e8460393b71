"""The halfway reflection: at the programme's halfway meeting each member is asked what they
have learned so far and what they want from the second half; the answers go into their
logbook (the method's monitoring step: individual notes to reflect on)."""
