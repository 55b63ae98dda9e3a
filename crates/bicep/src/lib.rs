//! vigil's Bicep front end: a hand-written lexer and recursive-descent parser with byte spans.
