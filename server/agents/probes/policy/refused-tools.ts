/**
 * Tools refused whatever their arguments, with the reason. No settings entry can allow them: each one writes,
 * runs another program or script, or changes who runs. The argv[0] of a probe is looked up here before
 * anything else.
 */

const CLASSES: [RegExp, string][] = [
  [/^(sh|bash|rbash|dash|ash|zsh|ksh|mksh|pdksh|yash|fish|csh|tcsh|busybox|toybox|nu|elvish|xonsh|pwsh|powershell)$/, 'is a shell: it runs any command'],
  [
    /^(python|pypy|perl|ruby|irb|php|lua|luajit|node|nodejs|deno|bun|tsx|ts-node|java|jshell|groovy|scala|kotlin|Rscript|R|julia|tclsh|wish|expect|guile|racket|sbcl|clisp|ghci|runghc|erl|escript|elixir|iex|osascript|jq|yq|gdb|lldb)([0-9._-]*)$/,
    'is an interpreter: it runs any program',
  ],
  [/^(awk|gawk|mawk|nawk|busybox-awk)$/, 'is an interpreter: awk runs commands with system() and writes files with print >'],
  [/^(sudo|su|doas|pkexec|runuser|setpriv|setuid|sg|newgrp|chroot|nsenter|unshare|capsh|machinectl|systemd-run|run0)$/, 'runs a command as another user or in another namespace'],
  [
    /^(env|nohup|timeout|nice|renice|ionice|chrt|taskset|watch|xargs|parallel|time|command|exec|eval|builtin|stdbuf|setsid|flock|script|screen|tmux|strace|ltrace|valgrind|perf|at|batch|crontab|make|ninja|entr|inotifywait)$/,
    'runs another command (the probe runner applies its own time limit)',
  ],
  [/^(tee|dd|mv|cp|rm|rmdir|mkdir|touch|install|ln|link|unlink|shred|truncate|fallocate|split|csplit|patch|rsync|tar|zip|unzip|gzip|gunzip|bzip2|xz|zstd|sponge)$/, 'writes or deletes files'],
  [/^(chmod|chown|chgrp|chattr|setfacl|setcap|chcon|restorecon|umask|usermod|useradd|userdel|groupadd|groupdel|passwd|chpasswd|chage|visudo|vipw)$/, 'changes permissions, owners or accounts'],
  [/^(kill|killall|pkill|skill|snice|xkill|reboot|shutdown|poweroff|halt|init|telinit|systemd|sysctl|modprobe|insmod|rmmod|swapon|swapoff|mount|umount|losetup|hwclock|date|timedatectl|hostnamectl)$/, 'signals processes or changes the system'],
  [/^(mkfs|fsck|fdisk|sfdisk|parted|wipefs|mkswap|tune2fs|e2fsck|lvm|lvcreate|lvremove|vgcreate|pvcreate|cryptsetup)([.\w-]*)$/, 'writes to disks'],
  [/^(iptables|ip6tables|nft|ebtables|tc|ip|ifconfig|route|ifup|ifdown|nmcli|ethtool|brctl|conntrack)$/, 'can change the network configuration'],
  [/^(vi|vim|nvim|view|ed|ex|emacs|nano|pico|less|more|most|man|pager|sensible-pager|sensible-editor|editor)$/, 'is an editor or pager: it writes files or runs shell commands'],
  [/^(ssh|scp|sftp|slogin|telnet|nc|ncat|netcat|socat|ftp|lftp|tftp|rsh|rlogin|mosh)$/, 'opens a remote session or raw socket that can run commands or send anything'],
  [/^(apt|apt-get|aptitude|dpkg|yum|dnf|rpm|zypper|apk|pacman|snap|flatpak|brew|pip|pip3|pipx|npm|npx|pnpm|yarn|gem|cargo|go|gradle|mvn|terraform|ansible|ansible-playbook|kubeadm|kubelet|runc|git)$/, 'installs software, deploys or runs build scripts'],
];

/** The reason `tool` is always refused, or undefined when it is not one of these. */
export function refusedToolReason(tool: string): string | undefined {
  for (const [re, why] of CLASSES) if (re.test(tool)) return `${tool} ${why}`;
  return undefined;
}
