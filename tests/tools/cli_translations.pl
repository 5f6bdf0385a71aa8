#!/usr/bin/perl
# The command line's messages are translated (run by test_translations.sh):
# every literal given to cli_tr() or cli_say() in the files named after the
# catalogue is a key of the catalogue (kiosk/cli/cli_text.c); every entry
# has a Chinese text with the same printf conversions, in the same order.
# Literals may be split over lines ("a" "b"), as C joins them.
use strict;
use warnings;
use FindBin;
use lib $FindBin::Bin;
use Catalogue;

my ($cat, @src) = @ARGV;
my ($zh, $fail) = read_catalogue($cat);
my %zh = %$zh;
local $/;
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
