#!/bin/bash
# Builds a small demo store with the crm commands an operator would type.
# Usage: CRM_DB=/tmp/demo.db bash examples/demo-store.sh   (the store must not exist yet)
set -euo pipefail
crm init
add() { crm customer add -q "$@"; }
add --email li.na@example.cn --first-name 娜 --last-name 李 --phone "+86 138 0013 8000" \
    --city 上海 --country CN --language zh-CN --status active --owner wang --tag vip --tag retail \
    --attr wechat=lina_sh --source shop
add --email zhang.wei@example.cn --first-name 伟 --last-name 张 --company 张氏贸易有限公司 \
    --fax "+86 21 5555 0101" --city 北京 --country CN --status active --owner wang --tag wholesale
add --email wang.fang@example.hk --first-name 芳 --last-name 王 --city 香港 --country HK \
    --language zh-HK --status lead --owner chen --source wechat
add --email anna.schmidt@example.de --first-name Anna --last-name Schmidt --city Berlin \
    --country DE --language de --status active --owner chen --tag retail
add --email j.smith@example.com --first-name John --last-name Smith --company "Smith & Sons Ltd" \
    --phone "+44 20 7946 0958" --city London --country GB --status inactive --owner wang
add --email tanaka@example.jp --first-name 太郎 --last-name 田中 --city 東京 --country JP \
    --status lead --source fair-2025 --tag trade-fair
add --email maria.garcia@example.es --first-name María --last-name García --city Madrid \
    --country ES --status active --owner chen --tag vip
add --email wang.lei@example.cn --first-name 磊 --last-name 王 --phone 13912345678 --city 深圳 \
    --country CN --status active --owner wang --external-id SHOP-1008

crm customer consent li.na@example.cn email opt-in --source "checkout 2025-03" --at 2025-03-14
crm customer consent zhang.wei@example.cn email opt-out --source "unsubscribe link"
crm customer consent anna.schmidt@example.de email opt-in --source "newsletter form"
crm customer note li.na@example.cn --kind call --direction in --channel phone --by wang \
    --text "问发货时间, 已告知周三发出" --at 2025-05-30T02:15:00Z
crm customer note zhang.wei@example.cn --kind complaint --direction in --channel email --by wang \
    --text "Two cartons arrived damaged; asked for photos"
crm customer followup add zhang.wei@example.cn --due today --owner wang --text "回电: 破损赔偿方案"
crm customer followup add anna.schmidt@example.de --due +7d --owner chen --text "Send autumn catalogue"
crm customer followup add j.smith@example.com --due 2025-05-20 --owner wang --text "Win-back call"
