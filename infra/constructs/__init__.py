"""One construct per capability of the stack; infra/stack.py wires them together."""
