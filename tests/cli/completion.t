crm completion bash|zsh|fish prints a completion script made from the command tree; it needs
no store.

  $ crm completion bash > crm.bash; echo $?
  0
  $ test -e crm.db || echo no store
  no store
  $ bash -n crm.bash && echo syntax ok
  syntax ok

Completing with the bash script: commands at each level, then a command's options, global
options anywhere.

  $ cat > complete.sh <<'END'
  > source ./crm.bash
  > COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  > _crm; if ((${#COMPREPLY[@]})); then printf '%s\n' "${COMPREPLY[@]}"; else echo '(none)'; fi
  > END
  $ bash complete.sh crm cust
  customer
  $ bash complete.sh crm customer fol
  followup
  $ bash complete.sh crm customer list --se
  --search
  --segment
  $ bash complete.sh crm --db x.db customer followup l
  list
  $ bash complete.sh crm customer followup add --d
  --due
  --dry-run
  --db
  $ bash complete.sh crm comp
  completion
  $ bash complete.sh crm ''
  init
  config
  customer
  order
  segment
  db
  completion
  $ bash complete.sh crm customer show ''
  (none)
  $ bash complete.sh crm __opt
  (none)
  $ bash -c 'source ./crm.bash; complete -p crm'
  complete -o default -F _crm crm

The zsh script is the bash one run by bashcompinit.

  $ crm completion zsh > crm.zsh; echo $?
  0
  $ grep -c 'bashcompinit' crm.zsh
  2
  $ grep -x 'complete -o default -F _crm crm' crm.zsh
  complete -o default -F _crm crm
  $ tail -n +5 crm.zsh | cmp - crm.bash && echo same as bash
  same as bash

fish: one line per command and per option.

  $ crm completion fish > crm.fish; echo $?
  0
  $ grep -- "-a customer " crm.fish
  complete -c crm -f -n '__fish_use_subcommand' -a customer -d 'Customers: the single customer view'
  $ grep -- "-a followup " crm.fish
  complete -c crm -f -n '__fish_seen_subcommand_from customer; and not __fish_seen_subcommand_from add show list edit tag untag rm restore purge consent note history followup import imports export dupes merge unmerge merges export-data forget' -a followup -d 'Follow-up reminders for sales staff'
  $ grep -- "-l search " crm.fish
  complete -c crm -n '__fish_seen_subcommand_from customer; and __fish_seen_subcommand_from list' -l search -r -d 'Text in names, emails, phones, company, external id'
  complete -c crm -n '__fish_seen_subcommand_from customer; and __fish_seen_subcommand_from export' -l search -r -d 'Text in names, emails, phones, company, external id'
  $ grep -- "-l db " crm.fish
  complete -c crm -l db -r -d 'Store file (env CRM_DB; default $XDG_DATA_HOME/crm/crm.db)'
  $ grep -l __options crm.bash crm.zsh crm.fish || echo hidden command not offered
  hidden command not offered

Segment names come from the store (crm segment list -q), after a segment command and after
--segment.

  $ export CRM_DB=$PWD/names.db CRM_NOW=2025-06-01
  $ crm init >/dev/null 2>&1
  $ crm segment create vip --where tag:vip 2>/dev/null
  $ crm segment create vip-lapsed --where 'segment:vip and orders = 0' 2>/dev/null
  $ bash complete.sh crm segment members ''
  vip
  vip-lapsed
  $ bash complete.sh crm segment show vip-
  vip-lapsed
  $ bash complete.sh crm customer list --segment v
  vip
  vip-lapsed
  $ bash complete.sh crm segment create ''
  (none)

Errors.

  $ crm completion tcsh
  ! crm: error: unknown shell 'tcsh': use bash, zsh or fish
  [2]
  $ crm completion
  ! crm: error: shell is required (see crm completion --help)
  [2]
