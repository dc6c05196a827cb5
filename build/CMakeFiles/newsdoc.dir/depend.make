# Empty dependencies file for newsdoc.
# This may be replaced when dependencies are built.
