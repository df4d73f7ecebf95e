"""Turn the AIFoundation course repository into a static website.

The course logic (discovery, the course model, checks, staging) is a plain library with no MkDocs
import, so another site engine could be fed the same staged tree later; `coursesite.mkdocs` is the
thin adapter that wires it into MkDocs' build events.
"""
