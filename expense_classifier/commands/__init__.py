"""The commands of use after training, one file a command (categorize, export, learn, serve), and the
parser they share (options). May import every other subpackage; only `cli` imports these.
"""
