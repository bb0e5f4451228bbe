// The topo language: a generic block syntax. The grammar knows no AWS kinds; which block
// names exist, which attributes they take and how they nest is data in stdlib/kinds/*.json,
// checked by the resolver and the schema pass. This keeps the parser small and fast, and a new
// AWS service a data change.
grammar Topo;

file        : item* EOF ;

item        : importDecl
            | paramDecl
            | sgRule
            | attribute
            | block
            ;

// import "shared/network.topo"
importDecl  : IMPORT STRING ;

// param domain : string = "example.com" { description = "..." }
// param db_password : secret { description = "..." }
paramDecl   : PARAM name=IDENT (':' typeName)? ('=' value)? ('{' attribute* '}')? ;
typeName    : IDENT ('<' typeName '>')? ;   // string, secret, list<string>, map<string>

// kind name [in ref]* { ... }     vpc main { ... }     region "us-east-1" { ... }
block       : kind=IDENT label? (IN reference)? '{' item* '}' ;
label       : IDENT | STRING ;

attribute   : key=IDENT '=' value ;

// allow tcp 80, 443 from "0.0.0.0/0"        (ingress)
// allow tcp 1024-65535 to security_group.db (egress)
// allow all from self
sgRule      : ALLOW protocol=IDENT portList? direction=(FROM | TO) peer (',' peer)* ruleNote? ;
portList    : portRange (',' portRange)* ;
portRange   : NUMBER ('-' NUMBER)? ;
peer        : STRING | CIDR | reference | IDENT ;   // IDENT: `self`
ruleNote    : STRING ;

value       : STRING                                  # stringValue
            | NUMBER                                  # numberValue
            | CIDR                                    # cidrValue
            | (KW_TRUE | KW_FALSE)                          # boolValue
            | KW_NULL                                    # nullValue
            | '[' (value (','? value)* ','?)? ']'     # listValue
            | '{' (mapEntry (','? mapEntry)* ','?)? '}' # mapValue
            | reference                               # refValue
            ;
mapEntry    : (IDENT | STRING) ('=' | ':') value ;

// vpc.main, vpc.main.id, param.domain, account.prod.iam_role.admin, ses_domain."mail.example.com"
// Keywords are fine after a dot (`param.x`, `x.to`): references are read by position.
reference   : (IDENT | PARAM) ('.' segment)+ ;
segment     : IDENT | STRING | PARAM | IN | FROM | TO | ALLOW | IMPORT ;

IMPORT  : 'import' ;
PARAM   : 'param' ;
IN      : 'in' ;
ALLOW   : 'allow' ;
FROM    : 'from' ;
TO      : 'to' ;
KW_TRUE    : 'true' ;
KW_FALSE   : 'false' ;
KW_NULL    : 'null' ;

CIDR    : OCTET '.' OCTET '.' OCTET '.' OCTET '/' [0-9]+ ;
NUMBER  : [0-9]+ ('.' [0-9]+)? ;
IDENT   : [a-zA-Z_] [a-zA-Z0-9_-]* ;
STRING  : '"' ( '\\' . | ~["\\\r\n] )* '"' ;

LINE_COMMENT  : ('#' | '//') ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
WS      : [ \t\r\n]+ -> skip ;  // skipped, not hidden: half the tokens of a file are blanks
// A string that reaches the end of the line without its closing quote. Longest match means a
// closed string always wins; this exists to give a precise error.
UNTERMINATED_STRING : '"' ( '\\' . | ~["\\\r\n] )* ;
// Anything else becomes one token so the parser reports it with a position instead of the
// lexer printing to stderr.
ERROR_CHAR : . ;

fragment OCTET : [0-9] [0-9]? [0-9]? ;
