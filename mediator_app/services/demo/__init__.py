"""The demo district (issue 2 §6): a fictional district with its organisation and cases."""
