#!/usr/bin/env python3
"""Format an RST simple table from rows separated by '|'.

For writers of the specification: columns line up however long the cells
are.  Reads rows from standard input (first row = header), one per line,
cells separated by '|'; prints the table indented by the given number of
spaces (default 3, as in a directive's content).

    printf 'Name|Value|Xen|Meaning\\n``HVABI_X``|1|``X``|text\\n' | spec/tools/rst_table.py
"""
import sys


def main():
    indent = " " * (int(sys.argv[1]) if len(sys.argv) > 1 else 3)
    rows = [[cell.strip() for cell in line.rstrip("\n").split("|")]
            for line in sys.stdin if line.strip()]
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    widths = [max(len(row[i]) for row in rows) for i in range(width)]
    rule = indent + "  ".join("=" * w for w in widths)

    def line(row):
        return (indent + "  ".join(cell.ljust(w) for cell, w in zip(row, widths))).rstrip()

    print(rule)
    print(line(rows[0]))
    print(rule)
    for row in rows[1:]:
        print(line(row))
    print(rule)


if __name__ == "__main__":
    main()
