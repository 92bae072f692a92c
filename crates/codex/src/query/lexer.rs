//! Splits query text into tokens: parentheses, `-`, `or`/`and`, bare words, quoted phrases,
//! exact names (`!name`) and keyword terms (`t:goblin`, `pow>=3`, `o:"draw a card"`,
//! `o:/^{T}:/`). Positions are char offsets so errors can point at what the player typed.

use super::ParseError;
use super::ast::Span;

/// A comparison as written after a keyword, before the keyword gives `:` its meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Operator {
    /// `:`
    Colon,
    /// `=`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl Operator {
    /// As written.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Operator::Colon => ":",
            Operator::Eq => "=",
            Operator::Ne => "!=",
            Operator::Lt => "<",
            Operator::Le => "<=",
            Operator::Gt => ">",
            Operator::Ge => ">=",
        }
    }
}

/// A keyword's value as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    /// Unquoted, up to the next space or parenthesis.
    Bare(String),
    /// Between double quotes.
    Quoted(String),
    /// Between slashes: a regular expression.
    Regex(String),
}

/// What a token is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// `(`
    OpenParen,
    /// `)`
    CloseParen,
    /// `-` directly before a term.
    Negate,
    /// The word `or` (any case).
    Or,
    /// The word `and` (any case).
    And,
    /// A bare word.
    Word(String),
    /// A quoted phrase.
    Phrase(String),
    /// `!name` or `!"name"`.
    ExactName(String),
    /// `keyword<op>value`.
    Keyword {
        /// The keyword, lower case.
        name: String,
        /// Where the keyword is.
        name_span: Span,
        /// The operator.
        op: Operator,
        /// The value.
        value: Value,
        /// Where the value is (quotes and slashes included).
        value_span: Span,
    },
}

/// A token and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// Where it is.
    pub span: Span,
}

/// Characters that end a bare word or value.
fn is_boundary(c: char) -> bool {
    c.is_whitespace() || c == '(' || c == ')'
}

struct Lexer {
    chars: Vec<char>,
    pos: usize,
}

impl Lexer {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.pos + offset).copied()
    }

    /// Reads up to the next boundary.
    fn bare_run(&mut self) -> String {
        let start = self.pos;
        while self.peek().is_some_and(|c| !is_boundary(c)) {
            self.pos += 1;
        }
        self.chars[start..self.pos].iter().collect()
    }

    /// Reads `"..."` starting at the opening quote. Quotes cannot be escaped inside (as on
    /// Scryfall): a phrase ends at the next `"`.
    fn quoted(&mut self) -> Result<String, ParseError> {
        let open = self.pos;
        self.pos += 1;
        let start = self.pos;
        while self.peek().is_some_and(|c| c != '"') {
            self.pos += 1;
        }
        if self.peek().is_none() {
            return Err(ParseError::new(
                "unclosed quote: add a closing \"",
                Span::new(open, self.chars.len()),
            ));
        }
        let text: String = self.chars[start..self.pos].iter().collect();
        self.pos += 1;
        if text.trim().is_empty() {
            return Err(ParseError::new(
                "empty quotes: put text between them",
                Span::new(open, self.pos),
            ));
        }
        Ok(text)
    }

    /// Reads `/.../` starting at the opening slash; `\/` stands for a slash inside.
    fn regex(&mut self) -> Result<String, ParseError> {
        let open = self.pos;
        self.pos += 1;
        let mut pattern = String::new();
        loop {
            match self.peek() {
                None => {
                    return Err(ParseError::new(
                        "unclosed regular expression: add a closing /",
                        Span::new(open, self.chars.len()),
                    ));
                }
                Some('/') => {
                    self.pos += 1;
                    break;
                }
                Some('\\') if self.peek_at(1) == Some('/') => {
                    pattern.push('/');
                    self.pos += 2;
                }
                Some('\\') if self.peek_at(1).is_some() => {
                    pattern.push('\\');
                    pattern.extend(self.peek_at(1));
                    self.pos += 2;
                }
                Some(c) => {
                    pattern.push(c);
                    self.pos += 1;
                }
            }
        }
        if pattern.is_empty() {
            return Err(ParseError::new(
                "empty regular expression",
                Span::new(open, self.pos),
            ));
        }
        Ok(pattern)
    }

    /// The operator at the cursor, if any, without consuming it.
    fn operator(&self) -> Option<(Operator, usize)> {
        match (self.peek()?, self.peek_at(1)) {
            (':', _) => Some((Operator::Colon, 1)),
            ('=', _) => Some((Operator::Eq, 1)),
            ('!', Some('=')) => Some((Operator::Ne, 2)),
            ('<', Some('=')) => Some((Operator::Le, 2)),
            ('>', Some('=')) => Some((Operator::Ge, 2)),
            ('<', _) => Some((Operator::Lt, 1)),
            ('>', _) => Some((Operator::Gt, 1)),
            _ => None,
        }
    }

    /// A keyword term or a bare word, starting at the cursor.
    fn word_or_keyword(&mut self) -> Result<TokenKind, ParseError> {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        {
            self.pos += 1;
        }
        let name_end = self.pos;
        if name_end > start
            && let Some((op, len)) = self.operator()
        {
            let name: String = self.chars[start..name_end].iter().collect();
            let name_span = Span::new(start, name_end);
            self.pos += len;
            let value_start = self.pos;
            let value = match self.peek() {
                None => None,
                Some(c) if is_boundary(c) => None,
                Some('"') => Some(Value::Quoted(self.quoted()?)),
                Some('/') => Some(Value::Regex(self.regex()?)),
                Some(_) => Some(Value::Bare(self.bare_run())),
            };
            let Some(value) = value else {
                return Err(ParseError::new(
                    format!("{name}{} needs a value after it", op.as_str()),
                    Span::new(start, self.pos),
                ));
            };
            return Ok(TokenKind::Keyword {
                name: name.to_ascii_lowercase(),
                name_span,
                op,
                value,
                value_span: Span::new(value_start, self.pos),
            });
        }
        self.pos = start;
        let word = self.bare_run();
        Ok(if word.eq_ignore_ascii_case("or") {
            TokenKind::Or
        } else if word.eq_ignore_ascii_case("and") {
            TokenKind::And
        } else {
            TokenKind::Word(word)
        })
    }

    fn next_token(&mut self) -> Result<Option<Token>, ParseError> {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
        let start = self.pos;
        let Some(c) = self.peek() else {
            return Ok(None);
        };
        let kind = match c {
            '(' => {
                self.pos += 1;
                TokenKind::OpenParen
            }
            ')' => {
                self.pos += 1;
                TokenKind::CloseParen
            }
            '-' => {
                if self
                    .peek_at(1)
                    .is_none_or(|next| next.is_whitespace() || next == ')')
                {
                    return Err(ParseError::new(
                        "nothing to negate after -",
                        Span::new(start, start + 1),
                    ));
                }
                self.pos += 1;
                TokenKind::Negate
            }
            '"' => TokenKind::Phrase(self.quoted()?),
            '!' => {
                self.pos += 1;
                let name = match self.peek() {
                    Some('"') => self.quoted()?,
                    Some(c) if !is_boundary(c) => self.bare_run(),
                    _ => {
                        return Err(ParseError::new(
                            "! needs a card name after it",
                            Span::new(start, start + 1),
                        ));
                    }
                };
                TokenKind::ExactName(name)
            }
            _ => self.word_or_keyword()?,
        };
        Ok(Some(Token {
            kind,
            span: Span::new(start, self.pos),
        }))
    }
}

/// Splits `query` into tokens.
pub(crate) fn tokenize(query: &str) -> Result<Vec<Token>, ParseError> {
    let mut lexer = Lexer {
        chars: query.chars().collect(),
        pos: 0,
    };
    let mut tokens = Vec::new();
    while let Some(token) = lexer.next_token()? {
        tokens.push(token);
    }
    Ok(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(query: &str) -> Vec<TokenKind> {
        tokenize(query)
            .unwrap()
            .into_iter()
            .map(|t| t.kind)
            .collect()
    }

    #[test]
    fn words_phrases_and_connectives() {
        assert_eq!(
            kinds(r#"lightning "sift through" OR -(bolt) and !fire !"Fire // Ice""#),
            vec![
                TokenKind::Word("lightning".into()),
                TokenKind::Phrase("sift through".into()),
                TokenKind::Or,
                TokenKind::Negate,
                TokenKind::OpenParen,
                TokenKind::Word("bolt".into()),
                TokenKind::CloseParen,
                TokenKind::And,
                TokenKind::ExactName("fire".into()),
                TokenKind::ExactName("Fire // Ice".into()),
            ]
        );
    }

    #[test]
    fn keyword_terms_carry_operator_value_and_spans() {
        let tokens = tokenize(r#"(t:goblin pow>=3 o:"draw a card" o:/^{T}:\/x/)"#).unwrap();
        assert_eq!(tokens[0].kind, TokenKind::OpenParen);
        assert_eq!(
            tokens[1].kind,
            TokenKind::Keyword {
                name: "t".into(),
                name_span: Span::new(1, 2),
                op: Operator::Colon,
                value: Value::Bare("goblin".into()),
                value_span: Span::new(3, 9),
            }
        );
        assert_eq!(tokens[1].span, Span::new(1, 9));
        match &tokens[2].kind {
            TokenKind::Keyword { op, value, .. } => {
                assert_eq!(*op, Operator::Ge);
                assert_eq!(*value, Value::Bare("3".into()));
            }
            other => panic!("{other:?}"),
        }
        match &tokens[3].kind {
            TokenKind::Keyword { value, .. } => {
                assert_eq!(*value, Value::Quoted("draw a card".into()))
            }
            other => panic!("{other:?}"),
        }
        match &tokens[4].kind {
            TokenKind::Keyword { value, .. } => assert_eq!(*value, Value::Regex("^{T}:/x".into())),
            other => panic!("{other:?}"),
        }
        assert_eq!(tokens[5].kind, TokenKind::CloseParen);
    }

    #[test]
    fn offsets_count_characters_not_bytes() {
        let tokens = tokenize("jötun t:giant").unwrap();
        assert_eq!(tokens[1].span, Span::new(6, 13));
    }

    #[test]
    fn unclosed_quote_and_regex_and_missing_value_are_errors() {
        let err = tokenize(r#"t:goblin "sift"#).unwrap_err();
        assert_eq!((err.start, err.end), (9, 14));
        let err = tokenize("o:/abc").unwrap_err();
        assert_eq!((err.start, err.end), (2, 6));
        let err = tokenize("t: goblin").unwrap_err();
        assert_eq!((err.start, err.end), (0, 2));
        let err = tokenize("fire - ice").unwrap_err();
        assert_eq!((err.start, err.end), (5, 6));
        let err = tokenize("! fire").unwrap_err();
        assert_eq!((err.start, err.end), (0, 1));
    }
}
