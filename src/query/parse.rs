//! The query text as a tree: terms, `or`, `-` and parentheses, each term keeping its column so an
//! error can point at it.
//!
//! `or` binds tighter than the space (as in Gmail and Google): `tag:drugs actor:usa or actor:peru`
//! is `tag:drugs (actor:usa or actor:peru)`. Parsing is a loop over chars with an explicit depth
//! limit, so no input, however odd, can panic it or overflow the stack.

use super::QueryError;

/// Every key the language knows, in the order help lists them.
pub const KEYS: [&str; 14] = [
    "actor",
    "role",
    "kind",
    "tag",
    "era",
    "source",
    "date",
    "precision",
    "effects",
    "causes",
    "downstream",
    "upstream",
    "links",
    "basis",
];

/// Deepest nesting of parentheses and negations accepted; far beyond what a person writes.
pub const MAX_DEPTH: usize = 64;

/// One `key:value` or bare word, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// `None` for a bare word.
    pub key: Option<&'static str>,
    pub value: String,
    /// The value was in double quotes: a bare word then matches as typed.
    pub quoted: bool,
    /// 1-based char column of the term's first char.
    pub column: usize,
    /// The term as written, for messages.
    pub written: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// Every event: the empty query.
    All,
    Term(Term),
    Not(Box<Expr>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Open(usize),
    Close(usize),
    Not(usize),
    Or(usize),
    Term(Term),
}

impl Token {
    fn column(&self) -> usize {
        match self {
            Token::Open(c) | Token::Close(c) | Token::Not(c) | Token::Or(c) => *c,
            Token::Term(t) => t.column,
        }
    }
}

/// Parses a query; the empty (or all-blank) query is [`Expr::All`].
pub fn parse(text: &str) -> Result<Expr, QueryError> {
    let tokens = lex(text)?;
    if tokens.is_empty() {
        return Ok(Expr::All);
    }
    let mut parser = Parser { tokens, at: 0 };
    let expr = parser.and(0)?;
    match parser.tokens.get(parser.at) {
        None => Ok(expr),
        Some(token) => Err(QueryError::at(
            token.column(),
            ")",
            "this `)` closes no `(`",
            "remove it, or add the `(` it belongs to",
        )),
    }
}

fn lex(text: &str) -> Result<Vec<Token>, QueryError> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let column = i + 1;
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' {
            tokens.push(Token::Open(column));
            i += 1;
        } else if c == ')' {
            tokens.push(Token::Close(column));
            i += 1;
        } else if c == '-' {
            // Only where a term begins: `1990-07` is read whole by `lex_term`.
            if chars.get(i + 1).is_none_or(|c| c.is_whitespace()) {
                return Err(QueryError::at(
                    column,
                    "-",
                    "`-` must be followed by the term it excludes",
                    "write e.g. `-tag:economy`, with no space after the dash",
                ));
            }
            tokens.push(Token::Not(column));
            i += 1;
        } else {
            let (term, next) = lex_term(&chars, i)?;
            i = next;
            if term.key.is_none() && !term.quoted && term.value == "or" {
                tokens.push(Token::Or(column));
            } else {
                tokens.push(Token::Term(term));
            }
        }
    }
    Ok(tokens)
}

/// Reads one term from `start`: up to a space or parenthesis outside quotes.
fn lex_term(chars: &[char], start: usize) -> Result<(Term, usize), QueryError> {
    let mut i = start;
    let mut key: Option<&'static str> = None;
    let mut value = String::new();
    let mut quoted = false;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() || c == '(' || c == ')' {
            break;
        }
        if c == '"' {
            let close = chars[i + 1..].iter().position(|&q| q == '"');
            let Some(len) = close else {
                let written: String = chars[start..].iter().collect();
                return Err(QueryError::at(
                    i + 1,
                    &written,
                    "this quote is never closed",
                    "add the closing `\"`",
                ));
            };
            value.extend(&chars[i + 1..i + 1 + len]);
            quoted = true;
            i += len + 2;
            continue;
        }
        if c == ':' && key.is_none() && !quoted && is_key_word(&value) {
            let written: String = chars[start..=i].iter().collect();
            key = Some(known_key(&value, start + 1, &written)?);
            value.clear();
            i += 1;
            continue;
        }
        value.push(c);
        i += 1;
    }
    let written: String = chars[start..i].iter().collect();
    if key.is_some() && value.is_empty() && !quoted {
        return Err(QueryError::at(
            start + 1,
            &written,
            &format!("`{written}` has no value"),
            &format!("write a value after the colon, e.g. {}", example(key)),
        ));
    }
    Ok((
        Term {
            key,
            value,
            quoted,
            column: start + 1,
            written,
        },
        i,
    ))
}

fn is_key_word(word: &str) -> bool {
    !word.is_empty() && word.chars().all(char::is_alphabetic)
}

fn known_key(word: &str, column: usize, written: &str) -> Result<&'static str, QueryError> {
    let lower = word.to_ascii_lowercase();
    if let Some(key) = KEYS.iter().find(|k| **k == lower) {
        return Ok(key);
    }
    let help = match crate::model::suggest::closest(&lower, KEYS) {
        Some(near) => format!("did you mean `{near}:`? Keys are {}", KEYS.join(", ")),
        None => format!("keys are {}", KEYS.join(", ")),
    };
    Err(QueryError::at(
        column,
        written,
        &format!("unknown key `{word}`"),
        &help,
    ))
}

/// An example of a key's value, for help.
pub fn example(key: Option<&str>) -> &'static str {
    match key {
        Some("actor") => "actor:\"united states\"",
        Some("role") => "role:creditor",
        Some("kind") => "kind:state",
        Some("tag") => "tag:economy",
        Some("era") => "era:\"after the self-coup\"",
        Some("source") => "source:un-report",
        Some("date") => "date:1992-04 or date:>=1991",
        Some("precision") => "precision:month",
        Some("effects" | "causes" | "downstream" | "upstream") => "downstream:self-coup",
        Some("links") => "links:>2",
        Some("basis") => "basis:inferred",
        _ => "cholera",
    }
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

impl Parser {
    /// Terms side by side until `)` or the end.
    fn and(&mut self, depth: usize) -> Result<Expr, QueryError> {
        let mut all = Vec::new();
        while let Some(token) = self.tokens.get(self.at) {
            if matches!(token, Token::Close(_)) {
                break;
            }
            all.push(self.or(depth)?);
        }
        Ok(match all.len() {
            1 => all.pop().unwrap_or(Expr::All),
            _ => Expr::And(all),
        })
    }

    fn or(&mut self, depth: usize) -> Result<Expr, QueryError> {
        let mut any = vec![self.unary(depth)?];
        while let Some(Token::Or(column)) = self.tokens.get(self.at) {
            let column = *column;
            self.at += 1;
            if !self.starts_operand() {
                return Err(QueryError::at(
                    column,
                    "or",
                    "`or` needs a term on each side",
                    "write e.g. `actor:usa or actor:peru`, or quote \"or\" to search for the word",
                ));
            }
            any.push(self.unary(depth)?);
        }
        Ok(match any.len() {
            1 => any.pop().unwrap_or(Expr::All),
            _ => Expr::Or(any),
        })
    }

    fn starts_operand(&self) -> bool {
        matches!(
            self.tokens.get(self.at),
            Some(Token::Term(_) | Token::Open(_) | Token::Not(_))
        )
    }

    fn unary(&mut self, depth: usize) -> Result<Expr, QueryError> {
        let token = self.tokens.get(self.at).cloned();
        let Some(token) = token else {
            return Err(QueryError::at(0, "", "the query ends too soon", ""));
        };
        if depth >= MAX_DEPTH {
            return Err(QueryError::at(
                token.column(),
                "(",
                &format!("the query nests deeper than {MAX_DEPTH} levels"),
                "write it with fewer parentheses and dashes",
            ));
        }
        self.at += 1;
        match token {
            Token::Term(term) => Ok(Expr::Term(term)),
            Token::Not(column) => {
                if !self.starts_operand() {
                    return Err(QueryError::at(
                        column,
                        "-",
                        "`-` must be followed by the term it excludes",
                        "write e.g. `-tag:economy`, with no space after the dash",
                    ));
                }
                Ok(Expr::Not(Box::new(self.unary(depth + 1)?)))
            }
            Token::Open(column) => {
                if matches!(self.tokens.get(self.at), Some(Token::Close(_)) | None) {
                    let what = if self.at < self.tokens.len() {
                        "`()` holds no term"
                    } else {
                        "this `(` is never closed"
                    };
                    return Err(QueryError::at(
                        column,
                        "(",
                        what,
                        "put terms inside, e.g. `(tag:drugs or tag:debt)`",
                    ));
                }
                let inner = self.and(depth + 1)?;
                match self.tokens.get(self.at) {
                    Some(Token::Close(_)) => {
                        self.at += 1;
                        Ok(inner)
                    }
                    _ => Err(QueryError::at(
                        column,
                        "(",
                        "this `(` is never closed",
                        "add the `)` that ends it",
                    )),
                }
            }
            Token::Close(column) => Err(QueryError::at(
                column,
                ")",
                "this `)` closes no `(`",
                "remove it, or add the `(` it belongs to",
            )),
            Token::Or(column) => Err(QueryError::at(
                column,
                "or",
                "`or` needs a term on each side",
                "write e.g. `actor:usa or actor:peru`, or quote \"or\" to search for the word",
            )),
        }
    }
}
