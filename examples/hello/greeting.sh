#!/bin/sh
cat /etc/greeting
