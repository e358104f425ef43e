// Progressive enhancement only: every action works without this file.
