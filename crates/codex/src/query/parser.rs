//! Recursive-descent parser: tokens into a [`Query`].
//!
//! Grammar (Scryfall's: `and` binds tighter than `or`, terms side by side are `and`):
//! ```text
//! query   := or_expr
//! or_expr := and_expr ("or" and_expr)*
//! and_expr:= unary (["and"] unary)*
//! unary   := "-" unary | "(" or_expr ")" | term
//! ```
//! `order:`, `dir:` and `include:` are options of the whole query, not filters: they may not
//! be negated, grouped or put beside `or`, and each may appear once.

use super::ParseError;
use super::ast::{Expr, Predicate, Query, Span};
use super::keywords::{KeywordTerm, Term, keyword_term};
use super::lexer::{Token, TokenKind, tokenize};

/// How deep parentheses and negations may nest: far beyond any real query, and keeps a
/// hostile one from exhausting the stack.
const MAX_DEPTH: usize = 64;

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    depth: usize,
    query: Query,
    /// Where each option was first given, to refuse a second one.
    order_span: Option<Span>,
    direction_span: Option<Span>,
    include_span: Option<Span>,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn advance(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        token
    }

    fn descend(&mut self, span: Span) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ParseError::new("query nests too deeply", span));
        }
        Ok(())
    }

    fn parse_or(&mut self) -> Result<Option<Expr>, ParseError> {
        let first = self.parse_and()?;
        if !matches!(
            self.peek(),
            Some(Token {
                kind: TokenKind::Or,
                ..
            })
        ) {
            return Ok(first);
        }
        let mut operands = Vec::new();
        let mut left = first;
        while let Some(Token {
            kind: TokenKind::Or,
            span,
        }) = self.peek().cloned()
        {
            self.advance();
            let Some(left_expr) = left.take() else {
                return Err(ParseError::new("or needs a search term before it", span));
            };
            operands.push(left_expr);
            let right = self.parse_and()?;
            if right.is_none() {
                return Err(ParseError::new("or needs a search term after it", span));
            }
            left = right;
        }
        operands.extend(left);
        Ok(Some(Expr::Or(operands)))
    }

    fn parse_and(&mut self) -> Result<Option<Expr>, ParseError> {
        let mut operands = Vec::new();
        let mut seen_term = false;
        loop {
            match self.peek().map(|t| (&t.kind, t.span)) {
                None | Some((TokenKind::CloseParen | TokenKind::Or, _)) => break,
                Some((TokenKind::And, span)) => {
                    self.advance();
                    let next_is_term = !matches!(
                        self.peek().map(|t| &t.kind),
                        None | Some(TokenKind::CloseParen | TokenKind::Or | TokenKind::And)
                    );
                    if !seen_term || !next_is_term {
                        return Err(ParseError::new(
                            "and needs a search term on each side",
                            span,
                        ));
                    }
                }
                Some(_) => {
                    seen_term = true;
                    operands.extend(self.parse_unary(false)?);
                }
            }
        }
        Ok(match operands.len() {
            0 => None,
            1 => operands.pop(),
            _ => Some(Expr::And(operands)),
        })
    }

    /// A term, possibly negated or parenthesised. `None` for an option (`order:`...).
    fn parse_unary(&mut self, negated: bool) -> Result<Option<Expr>, ParseError> {
        let Some(token) = self.advance() else {
            return Err(ParseError::new("the query ends too early", Span::default()));
        };
        match token.kind {
            TokenKind::Negate => {
                self.descend(token.span)?;
                let inner = match self.peek() {
                    Some(Token {
                        kind: TokenKind::Or | TokenKind::And | TokenKind::CloseParen,
                        ..
                    })
                    | None => {
                        return Err(ParseError::new("nothing to negate after -", token.span));
                    }
                    Some(_) => self.parse_unary(true)?,
                };
                self.depth -= 1;
                Ok(inner.map(|e| Expr::Not(Box::new(e))))
            }
            TokenKind::OpenParen => {
                self.descend(token.span)?;
                let inner = self.parse_or()?;
                let close = match self.advance() {
                    Some(Token {
                        kind: TokenKind::CloseParen,
                        span,
                    }) => span,
                    _ => {
                        return Err(ParseError::new("unclosed parenthesis: add a )", token.span));
                    }
                };
                self.depth -= 1;
                match inner {
                    Some(expr) => Ok(Some(expr)),
                    None => Err(ParseError::new("empty parentheses", token.span.to(close))),
                }
            }
            TokenKind::CloseParen => Err(ParseError::new(
                "unmatched ): remove it or add a ( before it",
                token.span,
            )),
            TokenKind::Or | TokenKind::And => Err(ParseError::new(
                "this needs a search term on each side",
                token.span,
            )),
            TokenKind::Word(word) => Ok(Some(Expr::Predicate {
                predicate: Predicate::NameContains(word),
                span: token.span,
            })),
            TokenKind::Phrase(phrase) => Ok(Some(Expr::Predicate {
                predicate: Predicate::NameContains(phrase),
                span: token.span,
            })),
            TokenKind::ExactName(name) => Ok(Some(Expr::Predicate {
                predicate: Predicate::ExactName(name),
                span: token.span,
            })),
            TokenKind::Keyword {
                name,
                name_span,
                op,
                value,
                value_span,
            } => {
                let term = keyword_term(&KeywordTerm {
                    name: &name,
                    name_span,
                    op,
                    value: &value,
                    value_span,
                })?;
                let predicate = match term {
                    Term::Predicate(predicate) => predicate,
                    option => {
                        self.set_option(option, &name, token.span, negated)?;
                        return Ok(None);
                    }
                };
                let expr = Expr::Predicate {
                    predicate,
                    span: token.span,
                };
                Ok(Some(if name == "not" {
                    Expr::Not(Box::new(expr))
                } else {
                    expr
                }))
            }
        }
    }

    fn set_option(
        &mut self,
        option: Term,
        name: &str,
        span: Span,
        negated: bool,
    ) -> Result<(), ParseError> {
        if negated {
            return Err(ParseError::new(format!("{name}: cannot be negated"), span));
        }
        if self.depth > 0 {
            return Err(ParseError::new(
                format!("{name}: applies to the whole query: move it out of the parentheses"),
                span,
            ));
        }
        let slot = match option {
            Term::Order(_) => &mut self.order_span,
            Term::Direction(_) => &mut self.direction_span,
            _ => &mut self.include_span,
        };
        if slot.is_some() {
            return Err(ParseError::new(format!("{name}: is given twice"), span));
        }
        *slot = Some(span);
        match option {
            Term::Order(key) => self.query.order = Some(key),
            Term::Direction(direction) => self.query.direction = Some(direction),
            Term::IncludeExtras => self.query.include_extras = true,
            Term::Predicate(_) => {}
        }
        Ok(())
    }
}

/// Parses a Scryfall-style query. Refuses unknown keywords, bad values and broken
/// structure with a [`ParseError`] pointing at the offending text; never guesses.
pub fn parse(query: &str) -> Result<Query, ParseError> {
    let mut parser = Parser {
        tokens: tokenize(query)?,
        pos: 0,
        depth: 0,
        query: Query::default(),
        order_span: None,
        direction_span: None,
        include_span: None,
    };
    let filter = parser.parse_or()?;
    if let Some(token) = parser.peek() {
        // parse_or stops only at the end or at a `)` with nothing open.
        return Err(ParseError::new(
            "unmatched ): remove it or add a ( before it",
            token.span,
        ));
    }
    parser.query.filter = filter;
    Ok(parser.query)
}
