file(REMOVE_RECURSE
  "libnewsdoc.a"
)
