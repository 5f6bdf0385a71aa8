#!/usr/bin/perl
# The command line's messages are translated (run by test_translations.sh):
# every literal given to cli_tr() or cli_say() in the files named after the
# catalogue is a key of the catalogue (kiosk/cli/cli_text.c); every entry
# has a Chinese text with the same printf conversions, in the same order.
# Literals may be split over lines ("a" "b"), as C joins them.
use strict;
use warnings;

my $lit = qr/(?:"(?:[^"\\]|\\.)*"\s*)+/;

sub join_lits {
    my $s = shift;
    my $o = "";
    $o .= $1 while $s =~ /"((?:[^"\\]|\\.)*)"/g;
    return $o;
}

sub convs {
    my $s = shift;
    $s =~ s/%%//g;
    return join " ", $s =~ /(%[-+ #0]*\d*(?:\.\d+)?(?:hh|h|ll|l|z|j|t)?[diouxXeEfgGcsp])/g;
}

my ($cat, @src) = @ARGV;
local $/;
open my $fh, "<", $cat or die "$cat: $!\n";
my $c = <$fh>;
my (%zh, $fail);
$fail = 0;
while ($c =~ /\{\s*($lit),\s*($lit)\}/g) {
    my ($en, $zh) = (join_lits($1), join_lits($2));
    $zh{$en} = $zh;
    if ($zh eq "") {
        print "missing Chinese for \"$en\" ($cat)\n";
        $fail = 1;
    } elsif (convs($en) ne convs($zh)) {
        print "the Chinese of \"$en\" takes [" . convs($zh) . "], not [" . convs($en) . "] ($cat)\n";
        $fail = 1;
    }
}
my $used = 0;
for my $f (@src) {
    open my $s, "<", $f or die "$f: $!\n";
    my $t = <$s>;
    # cli_say(STREAM, "..." ...) and cli_tr("...")
    while ($t =~ /\bcli_(say\(\s*[^,()"]+,|tr\()\s*($lit)?/g) {
        my $l = $2;
        if (!defined $l) {
            print "$f: a cli_say or cli_tr without a literal message: give it the English text\n";
            $fail = 1;
            next;
        }
        my $en = join_lits($l);
        $used++;
        if (!exists $zh{$en}) {
            print "$f: no catalogue entry for \"$en\" ($cat)\n";
            $fail = 1;
        }
    }
}
print "command-line translations: " . scalar(keys %zh) . " entries, $used messages, all translated\n"
    unless $fail;
exit $fail;
