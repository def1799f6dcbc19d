"""The commands of use after training, one file a command (categorize, export, learn, rules, serve), the
parser they share (options) and learn's reading of corrections (corrections). May import every other
subpackage; only `cli` imports these.
"""
