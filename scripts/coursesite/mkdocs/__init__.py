"""The MkDocs adapter: configuration schema and build events over the `coursesite` library."""
