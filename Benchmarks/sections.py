"""Replacing one marked section of BENCHMARKS.md, for the scripts that write one."""


def replace_section(path, begin, end, text):
    """Puts `text` (which starts with `begin` and ends with `end`) in place of
    the section between those markers in `path`, or at its end when it has none."""
    body = open(path).read()
    if begin in body and end in body:
        body = body[:body.index(begin)] + text + body[body.index(end) + len(end):]
    else:
        body = body.rstrip("\n") + "\n\n" + text + "\n"
    open(path, "w").write(body)
