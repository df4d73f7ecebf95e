"""The course as data: typed model, discovery from the folders, the outline-table parser, name rules."""
