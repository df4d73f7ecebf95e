"""One spec file per chapter, found by build.chapters(); see ../README.md."""
