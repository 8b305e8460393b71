"""Documents held for a person until their platform takes them (Teams asks the person to
accept a file before the bot may upload it)."""
