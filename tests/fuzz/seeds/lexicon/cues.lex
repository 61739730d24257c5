# cues.lex - cue lexicon for sift's cue featurizer plugin.
#
# Written for sift from scratch against /work/shared/ANNOTATION.md
# (labels: allegation, denial, threat, background).
#
# Format: one rule a line, "CLASS PATTERN".
#   word      matches any token with the same Snowball English stem
#   prefix*   matches tokens beginning with the prefix (no stemming)
#   _         any one token
#   ...       skips 0-4 tokens (never first or last)
#   a|b       alternatives within one element
# The plugin turns a match into feature CLASS, or CLASS_neg when not, no,
# never, an n't-word, without or nor occurs within 3 tokens before the
# match.  Where the negation IS the cue ("not responsible", "played no
# part") the negator is written inside the pattern.
#
# Stemming notes: some forms stem so broadly that a bare word would
# over-match, so they are written as prefixes: stated* (stated -> state),
# added* (added -> ad), reportedly* (-> report), allegedly* (-> alleg),
# fabricat* (fabricated -> fabric), implicated* (implication -> implic),
# staged* (staged -> stage), killed* (to keep "will kill" out of event).
#
# Classes:
#   accuse        accusation and blame verbs/nouns            (allegation)
#   wrongdoing    evaluative words imputing wrongdoing        (allegation)
#   plot          plots, staging, false flags, hostile plans  (allegation)
#   deny          denial words and negated-involvement frames (denial)
#   rebut         evidential dispute and lawful justification (denial)
#   threat        threat, retaliation and veiled-threat words (threat)
#   modal_force   modal + force/consequence verb              (threat)
#   conditional   conditional consequence frames              (threat)
#   legal_threat  announced legal action, penalties not yet imposed (threat)
#   report        reporting frames and attribution
#   hedge         hedges, unverifiability, no-comment lines   (background)
#   restraint     restraint, diplomacy, defiance w/o consequence (background)
#   event         narrator's plain report of hostile events   (background)
#   boilerplate   web-page and wire layout                    (background)
# Extra classes:
#   cause         causal attribution: blame-shifting or alternative causes
#                 (allegation when a culprit is named, denial when not)
#   demand        demands and appeals (background unless a consequence or
#                 an accusation rides along)
#   admit         admissions and claims of responsibility (background,
#                 the near-miss of denial)

# ---------------------------------------------------------------------------
# accuse
# ---------------------------------------------------------------------------
accuse accuse
accuse accusatory
accuse accuser*
accuse blame
accuse blameworthy
accuse allege
accuse charged|charges|charging that
accuse charged ... with
accuse on charges of
accuse faces|facing|face ... charges
accuse criminal charges
accuse charges of
