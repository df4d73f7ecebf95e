"""The course's own figures and slide decks, drawn from declarative specs (see README.md)."""
