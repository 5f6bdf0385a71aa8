#!/usr/bin/perl
# The pack diagnostics are translated (run by test_translations.sh): every
# literal message format and hint given to diags_add() or to the pack's
# wrappers around it, and every literal marked DIAG_TEXT("..."), is a key of
# the catalogue (kiosk/core/diag_text.c) with a Chinese text that is not
# empty and takes the same printf conversions, in the same order. With
# --list, prints the literals found instead (one a line).
use strict;
use warnings;
use FindBin;
use lib $FindBin::Bin;
use Catalogue;

# function => [index of the hint, index of the format] among its arguments
my %calls = (
    diags_add    => [5, 6],
    diag_hint    => [1],
    diags_vadd   => [5, 7],
    reader_error => [1, 3],
    md_error     => [2, 3],
    md_warning   => [2, 3],
    ini_diag     => [4, 5],
    ini_bad      => [2, 3],
    gift_diag    => [4, 5],
    gift_diag_at => [4, 5],
    rt_warn      => [1, 2],
    act_diag     => [3, 4],
    act_error    => [2, 3],
);



# The arguments of the call whose '(' is at pos in t, split at the commas
# outside parentheses and strings; nested calls are blanked out, so their
# literals (file names given to build_path, say) are not messages.
sub call_args {
    my ($t, $pos) = @_;
    my ($depth, $cur, @args) = (0, "");
    pos($t) = $pos + 1;
    while (pos($t) < length $t) {
        if ($t =~ /\G("(?:[^"\\]|\\.)*")/gc) {
            $cur .= $1 unless $depth;
        } elsif ($t =~ /\G'(?:[^'\\]|\\.)*'/gc) {
        } elsif ($t =~ /\G\(/gc) {
            $depth++;
        } elsif ($t =~ /\G\)/gc) {
            if (!$depth) { push @args, $cur; return @args; }
            $depth--;
        } elsif ($t =~ /\G,/gc) {
            if ($depth) { next; }
            push @args, $cur;
            $cur = "";
        } elsif ($t =~ /\G([^"'(),]+)/gc) {
            $cur .= $1 unless $depth;
        } else {
            last;
        }
    }
    return @args;
}

my $list = $ARGV[0] eq "--list" ? shift @ARGV : "";
my ($cat, @src) = @ARGV;
my ($zh, $fail) = read_catalogue($cat);
my %zh = %$zh;
local $/;
my ($used, %seen) = (0);
for my $f (@src) {
    open my $s, "<", $f or die "$f: $!\n";
    my $t = <$s>;
    # comments out, strings kept ("units/*.md" is not a comment)
    $t =~ s{("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|/\*.*?\*/|//[^\n]*}{defined $1 ? $1 : " "}gse;
    my @found;
    for my $fn (keys %calls) {
        while ($t =~ /\b\Q$fn\E\s*\(/g) {
            my $at = pos($t) - 1;
            my @a = call_args($t, $at);
            # a declaration (const, a pointer parameter, "...")
            next if grep { (my $c = $_) =~ s/$lit//g; $c =~ /\bconst\b|\bDiags \*|\.\.\./ } @a;
            for my $k (@{$calls{$fn}}) {
                next if $k > $#a;
                push @found, join_lits($_) for ($a[$k] =~ /($lit)/g);
            }
        }
    }
    push @found, join_lits($1) while $t =~ /\bDIAG_TEXT\(\s*($lit)\)/g;
    for my $en (@found) {
        next if $en eq "";
        $used++;
        if ($list) {
            print "$en\n" unless $seen{$en}++;
            next;
        }
        if (!exists $zh{$en}) {
            print "$f: no diagnostic catalogue entry for \"$en\" ($cat)\n";
            $fail = 1;
        }
    }
}
exit 0 if $list;
print "diagnostic translations: " . scalar(keys %zh) . " entries, $used messages and hints, all translated\n"
    unless $fail;
exit $fail;
