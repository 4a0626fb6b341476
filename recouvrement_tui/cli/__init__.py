"""The `recouvrement` command: one module per family of commands, the parser, the French output.

`principal` builds the parser and runs a command; `francais` makes argparse speak French;
`sortie` prints (JSON, and text that cannot drive the terminal); `erreurs` holds the one
exception the commands raise for a mistake the user can fix. Nothing here holds a rule: the
commands ask the services and print the answer.
"""
